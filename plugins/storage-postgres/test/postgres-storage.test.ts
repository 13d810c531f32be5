import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { componentsOf, describeStorageConformance } from '@hyperspec/core/testing';
import { isHyperspecError, type StudyStorage } from '@hyperspec/core';
import { PostgresStorage, parseConnectionUrl, postgresStorageDescriptor, redactUrl, SCHEMA_VERSION, STORAGE_URL_ENV } from '../src/index.js';
import { MIGRATIONS } from '../src/schema-migrations.js';
import { startEmbeddedPostgres, type EmbeddedServer } from '../src/testing/index.js';

let server: EmbeddedServer;
beforeAll(async () => {
  server = await startEmbeddedPostgres();
  await server.sql('CREATE DATABASE studies');
});
afterAll(async () => server?.destroy());

/** A storage on its own schema of one database (so each test starts empty), as the descriptor builds it. */
let schemas = 0;
const urls = new WeakMap<PostgresStorage, string>();
async function onFreshSchema(): Promise<PostgresStorage> {
  const schema = `s${schemas++}`;
  await server.sql(`CREATE SCHEMA ${schema}`, 'studies');
  return open(`${server.urlFor('studies')}?options=${encodeURIComponent(`-c search_path=${schema}`)}`);
}
function open(url: string, extra: Partial<ConstructorParameters<typeof PostgresStorage>[0]> = {}): PostgresStorage {
  const s = new PostgresStorage({ target: parseConnectionUrl(url, 'test'), lease_seconds: 60, retry_seconds: 5, pool_size: 4, connect_timeout_seconds: 5, ...extra });
  urls.set(s, url);
  return s;
}

describeStorageConformance(onFreshSchema, {
  name: 'postgres storage',
  details: true,
  reopen: async (old) => {
    await old.close?.();
    return open(urls.get(old as PostgresStorage)!);
  },
});

async function failure(p: Promise<unknown>): Promise<Error & { kind?: string }> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e, 'must reject').toBeInstanceOf(Error);
  return e as Error & { kind?: string };
}

describe('postgres storage across connections', () => {
  it('numbers trials atomically when several connections start trials at once', async () => {
    const first = await onFreshSchema();
    const others = [open(urls.get(first)!), open(urls.get(first)!), open(urls.get(first)!)];
    const all = [first, ...others];
    const ids = await Promise.all(all.map((s) => s.openStudy('shared', { direction: 'minimize', spaceHash: 'h', meta: {} })));
    expect(new Set(ids.map((i) => i.id)).size).toBe(1);
    const budget = 30;
    const started = await Promise.all(all.map(async (s) => {
      const mine: number[] = [];
      for (;;) {
        const t = await s.startTrial(ids[0].id, (trials) => (trials.length < budget ? { seen: trials.length } : null), 60);
        if (!t) return mine;
        // The factory saw every trial before this one, whichever connection inserted it.
        expect(t.params.seen).toBe(t.number);
        mine.push(t.number);
      }
    }));
    expect(started.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: budget }, (_, i) => i));
    for (const s of all) await s.close();
  });

  it('one storage shared by concurrent loops (the runner\'s parallel trials) lists no trial twice and keeps the budget', async () => {
    // The loops' reads overlap: one may finish after another moved the cache's frontier.
    const s = await onFreshSchema();
    const study = await s.openStudy('loops', { direction: 'minimize', spaceHash: 'h', meta: {} });
    const budget = 40;
    const unique = (trials: readonly { number: number }[]) => new Set(trials.map((t) => t.number)).size === trials.length;
    let duplicated = 0;
    await Promise.all(Array.from({ length: 4 }, async () => {
      for (;;) {
        const t = await s.startTrial(study.id, (trials) => {
          if (!unique(trials)) duplicated++;
          return trials.length < budget ? { x: 1 } : null;
        }, 60);
        if (!t) return;
        await s.finishTrial(study.id, t.number, 'complete', t.number);
        if (!unique(await s.trials(study.id))) duplicated++;
      }
    }));
    expect(duplicated, 'lists with a trial twice').toBe(0);
    const fresh = open(urls.get(s)!);
    expect((await fresh.trials(study.id)).map((t) => t.number)).toEqual(Array.from({ length: budget }, (_, i) => i));
    await fresh.close();
  });

  it('gives an expired trial to exactly one of the workers asking at once', async () => {
    const first = await onFreshSchema();
    const all = [first, open(urls.get(first)!), open(urls.get(first)!)];
    const study = await first.openStudy('reclaim', { direction: 'minimize', spaceHash: 'h', meta: {} });
    await first.startTrial(study.id, () => ({ x: 0.5 }), 0.05);
    await new Promise((r) => setTimeout(r, 150));
    const got = await Promise.all(all.map((s) => s.startTrial(study.id, () => ({ x: 1 }), 60)));
    expect(got.filter((t) => t!.reclaimed).map((t) => [t!.number, t!.params.x])).toEqual([[0, 0.5]]);
    expect(got.map((t) => t!.number).sort()).toEqual([0, 1, 2]);
    for (const s of all) await s.close();
  });

  it('refuses tables a newer hyperspec migrated, naming both versions', async () => {
    const s = await onFreshSchema();
    await s.studies();
    const schema = `s${schemas - 1}`;
    await server.sql(`UPDATE ${schema}.hyperspec_schema SET version = 99`, 'studies');
    const again = open(urls.get(s)!);
    const e = await failure(again.studies());
    expect(e.kind).toBe('storage');
    expect(e.message).toMatch(new RegExp(`schema version 99, written by a newer hyperspec; this one knows versions up to ${SCHEMA_VERSION}`));
    await s.close();
    await again.close();
  });

  it('migrates tables of schema version 1 (before objective and constraint values) to the current version, keeping their trials', async () => {
    const schema = `s${schemas++}`;
    // The tables as a hyperspec of schema version 1 left them, with one finished trial.
    await server.sql(
      `CREATE SCHEMA ${schema}; SET search_path = ${schema};
       CREATE TABLE hyperspec_schema (version integer NOT NULL); INSERT INTO hyperspec_schema VALUES (1);
       ${MIGRATIONS[0]}
       INSERT INTO hyperspec_studies (id, name, direction, space_hash, meta) VALUES (1, 'old', 'minimize', 'h', '{}');
       INSERT INTO hyperspec_trials (study_id, number, state, params, value, lease_until, lease_seconds, finished_at) VALUES (1, 0, 'complete', '{"x":1}', 0.5, now(), 60, now());
       INSERT INTO hyperspec_intermediate VALUES (1, 0, 1, 0.5, '{"loss":0.5}');`,
      'studies',
    );
    const s = open(`${server.urlFor('studies')}?options=${encodeURIComponent(`-c search_path=${schema}`)}`);
    expect(await s.trials('1')).toEqual([{ number: 0, state: 'complete', params: { x: 1 }, value: 0.5, intermediate: { 1: 0.5 }, metrics: { 1: { loss: 0.5 } } }]);
    expect(await server.sql(`SELECT version FROM ${schema}.hyperspec_schema`, 'studies')).toEqual([{ version: SCHEMA_VERSION }]);
    const t = (await s.startTrial('1', () => ({ x: 2 }), 60))!;
    expect(t.number).toBe(1);
    await s.finishTrial('1', 1, 'complete', 0.25, undefined, { values: [0.25, 7], constraints: [-Infinity, Infinity] });
    expect((await s.trials('1'))[1]).toEqual({ number: 1, state: 'complete', params: { x: 2 }, value: 0.25, values: [0.25, 7], constraints: [-Infinity, Infinity], intermediate: {} });
    await s.close();
  });
});

describe('postgres storage: what the user gets wrong', () => {
  it('an unreachable server, a wrong password and a missing permission: storage errors naming host, port and database, never the password', async () => {
    await server.sql("CREATE USER visitor PASSWORD 'visitor-secret-1'");
    await server.sql('CREATE DATABASE locked');
    // Since PostgreSQL 15 only a database's owner may create tables in its public schema.
    const cases = [
      { url: `postgres://hyperspec:${server.password}@127.0.0.1:1/studies`, secret: server.password, expect: /127\.0\.0\.1:1\/studies: cannot connect: .*ECONNREFUSED/ },
      { url: server.urlFor('studies', 'hyperspec', 'not-the-password-42'), secret: 'not-the-password-42', expect: new RegExp(`hyperspec@127\\.0\\.0\\.1:${server.port}/studies: password authentication failed`) },
      { url: server.urlFor('locked', 'visitor', 'visitor-secret-1'), secret: 'visitor-secret-1', expect: new RegExp(`visitor@127\\.0\\.0\\.1:${server.port}/locked: permission denied for schema public`) },
    ];
    for (const c of cases) {
      const s = open(c.url, { retry_seconds: 0 });
      const e = await failure(s.openStudy('x', { direction: 'minimize', spaceHash: 'h', meta: {} }));
      await s.close();
      expect(isHyperspecError(e) && e.kind, e.message).toBe('storage');
      expect(e.message).toMatch(c.expect);
      expect(`${e.message} ${(e as { hint?: string }).hint ?? ''} ${String(e.cause ?? '')}`).not.toContain(c.secret);
    }
  });

  it('takes the URL from the spec or the environment, and never shows a password when it cannot parse one', () => {
    const components = componentsOf([postgresStorageDescriptor]);
    const make = (options: Record<string, unknown>) => components.create<StudyStorage>('storage', { type: 'postgres', ...options }, 'search.storage');
    const saved = process.env[STORAGE_URL_ENV];
    try {
      delete process.env[STORAGE_URL_ENV];
      expect(() => make({})).toThrow(/needs a server: give url: .* or set HYPERSPEC_STORAGE_URL/);
      process.env[STORAGE_URL_ENV] = 'postgres://ann:hunter2@db.example:6543/lab';
      const s = make({ lease_seconds: 7 }) as PostgresStorage;
      expect(s.label).toBe('postgres ann@db.example:6543/lab');
      expect(s.leaseSeconds).toBe(7);
      void s.close();
    } finally {
      if (saved === undefined) delete process.env[STORAGE_URL_ENV];
      else process.env[STORAGE_URL_ENV] = saved;
    }
    expect(() => parseConnectionUrl('postgres://ann:hunter2@db example/lab', 'search.storage.url')).toThrow(/not a URL: postgres:\/\/ann:\*\*\*@db example\/lab/);
    expect(redactUrl('postgresql://ann:p@ss@host/db?sslmode=require&password=zz')).toBe('postgresql://ann:***@host/db?sslmode=require&password=***');
    expect(parseConnectionUrl('postgresql://h', 'x')).toMatchObject({ host: 'h', port: 5432, database: 'postgres', label: 'postgres h:5432/postgres' });
  });
});
