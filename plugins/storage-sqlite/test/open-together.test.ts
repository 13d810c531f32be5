import { fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SqliteStorage } from '../src/index.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/open-together.mjs', import.meta.url));

type Said = { type: 'ready' } | { type: 'done'; ran: number } | { type: 'error'; message: string };

/** `processes` processes open one new file, each reads it, and then all start on the study at the same moment. */
async function openTogether(processes: number, trials: number): Promise<Said[]> {
  const path = join(mkdtempSync(join(tmpdir(), 'hs-sqlite-together-')), 'study.db');
  const children = Array.from({ length: processes }, () => fork(FIXTURE, { execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }));
  const next = (child: (typeof children)[number]) => new Promise<Said>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Said));
    child.once('exit', (code) => reject(new Error(`a process exited with ${code} before answering`)));
  });
  const ready = children.map(next);
  for (const child of children) child.send({ path, trials });
  await Promise.all(ready);
  const done = children.map(next);
  for (const child of children) child.send('go');
  const said = await Promise.all(done);
  const storage = new SqliteStorage({ path, lease_seconds: 60, busy_timeout_ms: 5000, read_only: true });
  const [study] = await storage.studies();
  expect((await storage.trials(study.id)).map((t) => [t.number, t.state])).toEqual(Array.from({ length: trials }, (_, n) => [n, 'complete']));
  await storage.close();
  return said;
}

describe('several processes starting on one new SQLite file at once (search --workers)', () => {
  it('all open it (switching it to WAL and making its tables race) and share the trials: none refused busy', async () => {
    for (let round = 0; round < 6; round++) {
      const said = await openTogether(4, 40);
      expect(said.filter((s) => s.type === 'error'), `round ${round}`).toEqual([]);
      expect(said.reduce((a, s) => a + (s.type === 'done' ? s.ran : 0), 0)).toBe(40);
    }
  }, 120_000);
});
