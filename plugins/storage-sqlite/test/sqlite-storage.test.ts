import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStorageConformance } from '@hyperspec/core/testing';
import { ComponentRegistry } from '@hyperspec/core';
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

  it('uses WAL journaling and names the file when it cannot be opened', () => {
    const s = open(join(root, 'wal.db'));
    expect((s as unknown as { db: { pragma(q: string, o: object): unknown } }).db.pragma('journal_mode', { simple: true })).toBe('wal');
    void s.close();
    expect(() => open(join(root, 'wal.db', 'nested.db'))).toThrow(/sqlite storage: cannot open .*nested\.db/);
  });

  it('resolves a relative path against the study directory it is created in', async () => {
    const registry = new ComponentRegistry([]);
    const storage = sqliteStorageDescriptor.create({ path: 'sub/s.db', lease_seconds: 5, busy_timeout_ms: 100 }, { path: 'search.storage', registry, logger: undefined as never, baseDir: join(root, 'study-dir') });
    expect(storage.leaseSeconds).toBe(5);
    const study = await storage.openStudy('x', { direction: 'minimize', spaceHash: 'h', meta: {} });
    await storage.close?.();
    const again = open(join(root, 'study-dir', 'sub', 's.db'));
    expect((await again.studies()).map((s) => s.id)).toEqual([study.id]);
    await again.close();
  });
});
