import { definePlugin, HyperspecError, type ComponentDescriptor, type StudyStorage } from '@hyperspec/core';
import { parseConnectionUrl, STORAGE_URL_ENV } from './connection-url.js';
import { PostgresStorage } from './postgres-storage.js';

export { PostgresStorage, type PostgresStorageOptions } from './postgres-storage.js';
export { parseConnectionUrl, redactUrl, STORAGE_URL_ENV, type ConnectionTarget } from './connection-url.js';
export { SCHEMA_VERSION } from './schema-migrations.js';

interface PostgresOptions {
  url?: string;
  lease_seconds: number;
  retry_seconds: number;
  pool_size: number;
  connect_timeout_seconds: number;
}

export const postgresStorageDescriptor: ComponentDescriptor<StudyStorage, PostgresOptions> = {
  kind: 'storage',
  type: 'postgres',
  description: 'Keeps the study in a PostgreSQL database: the same search command on many machines shares one study',
  schema: {
    $id: 'hyperspec:storage/postgres',
    type: 'object',
    properties: {
      url: {
        type: 'string',
        pattern: '^postgres(ql)?://',
        description: `postgres://USER@HOST:PORT/DATABASE; default: the ${STORAGE_URL_ENV} environment variable. Keep the password out of specs: PGPASSWORD or ~/.pgpass supply it`,
      },
      lease_seconds: {
        type: 'number',
        exclusiveMinimum: 0,
        maximum: 86400,
        default: 60,
        description: 'How long a running trial stays claimed without a heartbeat; after that any worker reclaims it',
      },
      retry_seconds: {
        type: 'number',
        minimum: 0,
        maximum: 86400,
        default: 300,
        description: 'How long a worker waits (retrying with backoff) for a server that went away before it gives up',
      },
      pool_size: {
        type: 'integer',
        minimum: 1,
        maximum: 64,
        default: 4,
        description: 'Connections each worker process may open',
      },
      connect_timeout_seconds: {
        type: 'number',
        exclusiveMinimum: 0,
        maximum: 600,
        default: 10,
        description: "How long one attempt to connect may take, and how long a worker's first contact waits for a server that is not (yet) there",
      },
    },
    additionalProperties: false,
  },
  create: (options, ctx) => {
    const fromEnv = process.env[STORAGE_URL_ENV];
    const url = options.url ?? fromEnv;
    if (!url) {
      throw new HyperspecError('spec', `the postgres storage needs a server: give url: postgres://USER@HOST:PORT/DATABASE, or set ${STORAGE_URL_ENV}`, {
        location: { path: `${ctx.path}.url` },
        hint: `export ${STORAGE_URL_ENV}=postgres://USER@HOST:5432/DATABASE on every worker machine`,
      });
    }
    const target = parseConnectionUrl(url, options.url ? `${ctx.path}.url` : STORAGE_URL_ENV);
    return new PostgresStorage({
      target,
      lease_seconds: options.lease_seconds ?? 60,
      retry_seconds: options.retry_seconds ?? 300,
      pool_size: options.pool_size ?? 4,
      connect_timeout_seconds: options.connect_timeout_seconds ?? 10,
      onRetry: (what, waitMs) => ctx.logger?.warn({ event: 'storage-retry', storage: target.label, error: what, wait_ms: Math.round(waitMs) }, 'waiting for the study database'),
    });
  },
};

export default definePlugin('@hyperspec/storage-postgres', [postgresStorageDescriptor]);
