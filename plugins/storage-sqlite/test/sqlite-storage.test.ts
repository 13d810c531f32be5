import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StudyStorage } from '@hyperspec/core';
import { componentsOf, describeStorageConformance } from '@hyperspec/core/testing';
import Database from 'better-sqlite3';
import { SqliteStorage, sqliteStorageDescriptor } from '../src/index.js';

const root = mkdtempSync(join(tmpdir(), 'hs-sqlite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const paths = new WeakMap<SqliteStorage, string>();
const open = (path: string) => {
  const s = new SqliteStorage({ path, lease_seconds: 60, busy_timeout_ms: 5000 });
  paths.set(s, path);
  return s;
};

describeStorageConformance(() => open(join(root, `conformance-${counter++}.db`)), {
  name: 'sqlite storage',
  details: true,
  reopen: async (old) => {
    await old.close?.();
    return open(paths.get(old as SqliteStorage)!);
  },
});

describe('sqlite storage across connections', () => {
  it('numbers trials atomically when two connections start trials in turn', async () => {
    const path = join(root, 'two.db');
    const a = open(path);
    const b = open(path);
    const sa = await a.openStudy('shared', { direction: 'minimize', spaceHash: 'h', meta: {} });
    const sb = await b.openStudy('shared', { direction: 'maximize', spaceHash: 'other', meta: {} });
    expect(sb.id).toBe(sa.id);
    const numbers: number[] = [];
    for (let i = 0; i < 10; i++) {
      const [x, y] = await Promise.all([a.startTrial(sa.id, (t) => ({ seen: t.length }), 60), b.startTrial(sb.id, (t) => ({ seen: t.length }), 60)]);
      numbers.push(x!.number, y!.number);
      // Each connection's factory saw every trial the other one had inserted before.
      expect(y!.params.seen).toBe(y!.number);
    }
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i));
    await a.finishTrial(sa.id, 3, 'complete', 1.5);
    await expect(b.finishTrial(sb.id, 3, 'complete', 2)).rejects.toThrow(/already complete/);
    expect((await b.trials(sb.id))[3]).toMatchObject({ state: 'complete', value: 1.5 });
    await a.close();
    await b.close();
  });

  it('sees every change of another connection, however the finished trials are spread', async () => {
    // The reader caches finished trials below its frontier (the oldest running trial); trials finishing
    // above it, in the other connection, or out of order must all show up as a fresh connection sees them.
    const path = join(root, 'frontier.db');
    const a = open(path);
    const b = open(path);
    const study = await a.openStudy('s', { direction: 'minimize', spaceHash: 'h', meta: {} });
    const check = async (when: string) => {
      const fresh = open(path);
      const truth = await fresh.trials(study.id);
      await fresh.close();
      expect(await a.trials(study.id), when).toEqual(truth);
      expect(await b.trials(study.id), when).toEqual(truth);
    };
    const next = (s: SqliteStorage) => s.startTrial(study.id, (t, n) => ({ n, seen: t.length }), 60);
    for (let i = 0; i < 4; i++) await next(i % 2 ? b : a);
    await check('four running');
    await b.finishTrial(study.id, 2, 'complete', 2);
    await check('2 finished above the frontier');
    await a.report(study.id, 0, 1, 0.5);
    await check('a report to the oldest');
    await b.finishTrial(study.id, 0, 'pruned', 0.5, 'pruned after epoch 1');
    await a.finishTrial(study.id, 1, 'failed', undefined, 'nan');
    await check('0, 1, 2 finished: the frontier moves past 2');
    await next(b);
    await a.finishTrial(study.id, 4, 'complete', 4);
    await check('4 finished while 3 runs');
    await b.finishTrial(study.id, 3, 'complete', 3);
    await check('all finished');
    const t = await a.trials(study.id);
    expect(t.map((x) => x.state)).toEqual(['pruned', 'failed', 'complete', 'complete', 'complete']);
    expect(t[0].intermediate).toEqual({ 1: 0.5 });
    await a.close();
    await b.close();
  });

  it('commits finished trials and the meta with synchronous = FULL, and running-trial updates with NORMAL', async () => {
    // FULL syncs the WAL before returning (survives power loss, and takes every earlier commit with it);
    // NORMAL is durable against a crash of the process only. See the SqliteStorage comment.
    const s = open(join(root, 'sync.db'));
    const level = () => (s as unknown as { db: { pragma(q: string, o: object): unknown } }).db.pragma('synchronous', { simple: true });
    const FULL = 2;
    const NORMAL = 1;
    const study = await s.openStudy('x', { direction: 'minimize', spaceHash: 'h', meta: {} });
    expect(level(), 'openStudy').toBe(FULL);
    await s.startTrial(study.id, () => ({ x: 1 }), 60);
    expect(level(), 'startTrial').toBe(NORMAL);
    await s.report(study.id, 0, 1, 0.5);
    expect(level(), 'report').toBe(NORMAL);
    await s.finishTrial(study.id, 0, 'complete', 0.5);
    expect(level(), 'finishTrial').toBe(FULL);
    await s.startTrial(study.id, () => ({ x: 2 }), 60);
    await s.renewLease(study.id, 1);
    expect(level(), 'renewLease').toBe(NORMAL);
    await s.updateMeta(study.id, { best: 0 });
    expect(level(), 'updateMeta').toBe(FULL);
    await s.startTrial(study.id, () => ({ x: 3 }), 60);
    expect(await s.deleteStudy('x')).toBe(true);
    expect(level(), 'deleteStudy').toBe(FULL);
    await s.close();
  });

  it('uses WAL journaling once written, and names the file when it cannot be opened', async () => {
    const s = open(join(root, 'wal.db'));
    await s.openStudy('w', { direction: 'minimize', spaceHash: 'h', meta: {} });
    expect((s as unknown as { db: { pragma(q: string, o: object): unknown } }).db.pragma('journal_mode', { simple: true })).toBe('wal');
    void s.close();
    expect(() => open(join(root, 'wal.db', 'nested.db'))).toThrow(/sqlite storage: cannot open .*nested\.db/);
  });

  it('leaves a file it only read exactly as it was, even an empty one', async () => {
    const file = join(root, 'empty.db');
    writeFileSync(file, '');
    const s = open(file);
    expect(await s.studies()).toEqual([]);
    await s.close();
    expect(readFileSync(file).length).toBe(0);
  });

  it('names a damaged file and says what to do', () => {
    const file = join(root, 'garbage.db');
    writeFileSync(file, 'not a database at all '.repeat(300));
    expect(() => open(file)).toThrow(/sqlite storage: .*garbage\.db is damaged or not a study database/);
  });

  it('resolves a relative path against the study directory it is created in', async () => {
    const storage = componentsOf([sqliteStorageDescriptor]).create<StudyStorage>('storage', { type: 'sqlite', path: 'sub/s.db', lease_seconds: 5, busy_timeout_ms: 100 }, 'search.storage', { baseDir: join(root, 'study-dir') });
    expect(storage.leaseSeconds).toBe(5);
    const study = await storage.openStudy('x', { direction: 'minimize', spaceHash: 'h', meta: {} });
    await storage.close?.();
    const again = open(join(root, 'study-dir', 'sub', 's.db'));
    expect((await again.studies()).map((s) => s.id)).toEqual([study.id]);
    await again.close();
  });

  /** A layout-1 file as an earlier hyperspec wrote it; `withValues`: the later layout 1 that had `trial_values`, with a trial's values in it. */
  function layout1(name: string, withValues: boolean): string {
    const path = join(root, name);
    const old = new Database(path);
    old.exec(`
      CREATE TABLE studies (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, direction TEXT NOT NULL, space_hash TEXT NOT NULL, meta TEXT NOT NULL, created_at REAL NOT NULL);
      CREATE TABLE trials (study_id INTEGER NOT NULL, number INTEGER NOT NULL, state TEXT NOT NULL, params TEXT NOT NULL, value REAL, reason TEXT,
        lease_until REAL NOT NULL, lease_seconds REAL NOT NULL, started_at REAL NOT NULL, finished_at REAL, PRIMARY KEY (study_id, number));
      CREATE TABLE intermediate (study_id INTEGER NOT NULL, number INTEGER NOT NULL, step INTEGER NOT NULL, value REAL NOT NULL, PRIMARY KEY (study_id, number, step));
      INSERT INTO studies VALUES (1, 'old', 'minimize', 'h', '{}', 0);
      INSERT INTO trials VALUES (1, 0, 'complete', '{"x":1}', 0.5, NULL, 0, 60, 0, 1);
      INSERT INTO intermediate VALUES (1, 0, 1, 0.5);
      PRAGMA user_version = 1;
    `);
    if (withValues) {
      old.exec(`
        CREATE TABLE trial_values (study_id INTEGER NOT NULL, number INTEGER NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('objective', 'constraint')),
          position INTEGER NOT NULL, value REAL NOT NULL, PRIMARY KEY (study_id, number, kind, position));
        INSERT INTO trial_values VALUES (1, 0, 'objective', 0, 0.5), (1, 0, 'objective', 1, 300), (1, 0, 'constraint', 0, -2);
      `);
    }
    old.close();
    return path;
  }
  const layoutOf = (s: SqliteStorage) => (s as unknown as { db: { pragma(q: string, o: object): unknown } }).db.pragma('user_version', { simple: true });

  for (const withValues of [false, true]) {
    it(`migrates a layout-1 database ${withValues ? 'with' : 'without'} trial_values to layout 2 in place on the first write, keeping its trials`, async () => {
      const path = layout1(`layout1-${withValues}.db`, withValues);
      const s = open(path);
      const before = [{ number: 0, state: 'complete', params: { x: 1 }, value: 0.5, intermediate: { 1: 0.5 }, ...(withValues ? { values: [0.5, 300], constraints: [-2] } : {}) }];
      // Reads leave the file as it was (a refused run must not change it).
      expect(await s.trials('1')).toEqual(before);
      expect(layoutOf(s)).toBe(1);
      await s.startTrial('1', () => ({ x: 2 }), 60);
      expect(layoutOf(s)).toBe(2);
      expect((await s.trials('1'))[0]).toEqual(before[0]);
      await s.setTrialAttrs('1', 1, { host: 'h' });
      await s.report('1', 1, 1, 0.25, { loss: 0.25 });
      await s.finishTrial('1', 1, 'complete', 0.25, undefined, { values: [0.25, 100], constraints: [Infinity] });
      await s.close();
      const again = open(path);
      expect((await again.trials('1'))[1]).toEqual({
        number: 1, state: 'complete', params: { x: 2 }, value: 0.25, intermediate: { 1: 0.25 }, metrics: { 1: { loss: 0.25 } }, attrs: { host: 'h' }, values: [0.25, 100], constraints: [Infinity],
      });
      await again.close();
    });
  }

  it('migrates once when two connections opened the layout-1 file before either wrote', async () => {
    const path = layout1('layout1-two.db', false);
    const [a, b] = [open(path), open(path)];
    await a.startTrial('1', () => ({ x: 2 }), 60);
    // b prepared its statements for layout 1; its first write finds the file migrated already.
    await b.startTrial('1', () => ({ x: 3 }), 60);
    await b.report('1', 2, 1, 0.5, { loss: 0.5 });
    expect((await a.trials('1')).map((t) => [t.number, t.metrics ?? null])).toEqual([[0, null], [1, null], [2, { 1: { loss: 0.5 } }]]);
    expect([layoutOf(a), layoutOf(b)]).toEqual([2, 2]);
    for (const s of [a, b]) await s.close();
  });

  it('reads a layout-1 database read-only as it is, without migrating it', async () => {
    for (const withValues of [false, true]) {
      const path = layout1(`layout1-ro-${withValues}.db`, withValues);
      const reader = new SqliteStorage({ path, lease_seconds: 60, busy_timeout_ms: 100, read_only: true });
      expect(await reader.trials('1')).toEqual([
        { number: 0, state: 'complete', params: { x: 1 }, value: 0.5, intermediate: { 1: 0.5 }, ...(withValues ? { values: [0.5, 300], constraints: [-2] } : {}) },
      ]);
      expect(layoutOf(reader)).toBe(1);
      await reader.close();
    }
  });
});

describe('sqlite storage opened read-only', () => {
  it('reads what a writer commits, while the writer holds a transaction open, and refuses to write', async () => {
    const path = join(root, 'read-only.db');
    const writer = open(path);
    const study = await writer.openStudy('watched', { direction: 'minimize', spaceHash: 'h', meta: { space: {} } });
    const t = (await writer.startTrial(study.id, () => ({ x: 1 }), 60))!;
    const reader = new SqliteStorage({ path, lease_seconds: 60, busy_timeout_ms: 100, read_only: true });
    expect((await reader.studies()).map((s) => s.name)).toEqual(['watched']);
    expect((await reader.trials(study.id)).map((r) => r.state)).toEqual(['running']);
    // A second writer connection holding the write lock does not block the reader (WAL).
    const blocker = open(path);
    const db = (blocker as unknown as { db: { exec(sql: string): void } }).db;
    db.exec('BEGIN IMMEDIATE');
    expect((await reader.trials(study.id))[0].state).toBe('running');
    db.exec('ROLLBACK');
    await writer.finishTrial(study.id, t.number, 'complete', 0.25);
    expect((await reader.trials(study.id))[0]).toMatchObject({ state: 'complete', value: 0.25 });
    await expect(reader.openStudy('new', { direction: 'minimize', spaceHash: 'h', meta: {} })).rejects.toThrow(/read-only/);
    await expect(reader.finishTrial(study.id, t.number, 'failed')).rejects.toThrow(/read-only/);
    expect(() => new SqliteStorage({ path: join(root, 'absent.db'), lease_seconds: 60, busy_timeout_ms: 100, read_only: true })).toThrow(/cannot open/);
    for (const s of [reader, blocker, writer]) await s.close();
  });
});
