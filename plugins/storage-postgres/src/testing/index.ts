export { startEmbeddedPostgres, type EmbeddedServer } from './embedded-server.js';
