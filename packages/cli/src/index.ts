export { main, USAGE, EXIT } from './main.js';
export { run } from './run.js';
