import { HyperspecError } from '@hyperspec/core';
import type { PostgresPool } from './postgres-pool.js';
import { MIGRATION_LOCK, MIGRATIONS, SCHEMA_VERSION } from './schema-migrations.js';

/**
 * Brings the database's hyperspec tables to SCHEMA_VERSION, or refuses a database a newer hyperspec
 * has migrated past it. Runs once per storage, on its first call, in one transaction holding an
 * advisory lock: workers starting together migrate once, and a failed migration leaves nothing
 * behind. A wrong password or a missing permission is reported at once; a server that is not there
 * (or is restarting) is waited for `waitSeconds` only, so a mistyped URL is reported soon.
 */
export async function migrate(db: PostgresPool, label: string, waitSeconds: number): Promise<void> {
  await db.transaction('durable', async (query) => {
    await query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const [table] = await query<{ name: string | null }>("SELECT to_regclass('hyperspec_schema')::text AS name");
    let version = 0;
    if (table.name === null) {
      await query('CREATE TABLE hyperspec_schema (version integer NOT NULL)');
      await query('INSERT INTO hyperspec_schema (version) VALUES (0)');
    } else {
      version = (await query<{ version: number }>('SELECT version FROM hyperspec_schema'))[0]?.version ?? 0;
    }
    if (version > SCHEMA_VERSION) {
      throw new HyperspecError(
        'storage',
        `${label}: the hyperspec tables are at schema version ${version}, written by a newer hyperspec; this one knows versions up to ${SCHEMA_VERSION}`,
        { hint: 'upgrade hyperspec on this machine to the version the other workers run' },
      );
    }
    for (let v = version; v < SCHEMA_VERSION; v++) await query(MIGRATIONS[v]);
    if (version < SCHEMA_VERSION) await query('UPDATE hyperspec_schema SET version = $1', [SCHEMA_VERSION]);
  }, waitSeconds);
}
