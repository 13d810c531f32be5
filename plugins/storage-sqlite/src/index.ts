import { resolve } from 'node:path';
import { definePlugin, type ComponentDescriptor, type StudyStorage } from '@hyperspec/core';
import { SqliteStorage } from './sqlite-storage.js';

export { SqliteStorage, type SqliteStorageOptions } from './sqlite-storage.js';

interface SqliteOptions {
  path: string;
  lease_seconds: number;
  busy_timeout_ms: number;
  read_only: boolean;
}

export const sqliteStorageDescriptor: ComponentDescriptor<StudyStorage, SqliteOptions> = {
  kind: 'storage',
  type: 'sqlite',
  description: 'Keeps the study in a SQLite file: a search resumes after a crash, and several processes on one machine can share it',
  schema: {
    $id: 'hyperspec:storage/sqlite',
    type: 'object',
    properties: {
      path: {
        type: 'string',
        minLength: 1,
        default: 'study.db',
        description: 'Database file; a relative path is relative to the study directory (<output_dir>/<name>-study/)',
      },
      lease_seconds: {
        type: 'number',
        exclusiveMinimum: 0,
        maximum: 86400,
        default: 60,
        description: 'How long a running trial stays claimed without a heartbeat; after that a new search process reclaims it',
      },
      busy_timeout_ms: {
        type: 'integer',
        minimum: 0,
        maximum: 600000,
        default: 10000,
        description: "How long a write waits for another process's transaction before failing, in milliseconds",
      },
      read_only: {
        type: 'boolean',
        default: false,
        description: 'Open an existing database only to read it (reports and the dashboard read a study while a search writes it)',
      },
    },
    additionalProperties: false,
  },
  // The study runner passes the study directory as baseDir, so relative paths land inside it.
  create: (options, ctx) =>
    new SqliteStorage({
      path: resolve(ctx.baseDir ?? process.cwd(), options.path ?? 'study.db'),
      lease_seconds: options.lease_seconds ?? 60,
      busy_timeout_ms: options.busy_timeout_ms ?? 10000,
      read_only: options.read_only ?? false,
    }),
};

export default definePlugin('@hyperspec/storage-sqlite', [sqliteStorageDescriptor]);
