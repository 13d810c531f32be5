import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, watchedPage, type TestBrowser } from './browser.js';
import { tempDir } from './cli-helpers.js';
import { exampleSpec, readStudies, sleep, startCli, writeSpec } from './search-helpers.js';

/*
 * `hyperspec dashboard` as a user runs it (the built CLI), watched in headless Chromium while
 * `hyperspec search` writes a SQLite study under it; and refusing every path that leads outside its folder.
 */

const SECRET = 'SECRET-OUTSIDE-7f3a';
let work: string;
let root: string;
let outside: string;
let url: string;
let dashboard: ReturnType<typeof startCli>;
let browser: TestBrowser;

/** A GET with the path sent exactly as written (no client-side normalisation of `..`). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  work = tempDir('hs-dashboard-');
  root = join(work, 'runs');
  outside = join(work, 'outside');
  // Outside the served folder: something that would be shown if it were ever read (a run whose name is the secret).
  mkdirSync(join(outside, 'fake-run'), { recursive: true });
  writeFileSync(join(outside, 'fake-run', 'spec.resolved.yaml'), `name: ${SECRET}\nseed: 1\n`);
  writeFileSync(join(outside, 'secret.txt'), SECRET);
  mkdirSync(root, { recursive: true });
  symlinkSync(join(outside, 'fake-run'), join(root, 'escape'));
  dashboard = startCli(['dashboard', root, '--port', '0'], work);
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    dashboard.child.stdout!.on('data', (d) => {
      out += d;
      const m = /dashboard: (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    void dashboard.done.then((r) => reject(new Error(`the dashboard exited: ${r.stderr}`)));
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  dashboard?.child.kill('SIGTERM');
  await browser?.close();
});

describe('hyperspec dashboard', () => {
  it('listens on loopback and prints its address', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });
});

describe('hyperspec dashboard: paths', () => {
  it('refuses every path outside its folder, reading nothing there', async () => {
    const attempts = [
      '/view/../outside/fake-run',
      '/view/../../../../../../etc/passwd',
      '/view/%2e%2e/outside/fake-run',
      '/view/%2E%2E/%2e%2E/outside/secret.txt',
      '/view/..%2foutside%2ffake-run',
      '/view/..%5coutside%5cfake-run',
      '/events/%2e%2e/outside/fake-run',
      `/view/${join(outside, 'fake-run')}`,
      `/view/${encodeURIComponent(join(outside, 'fake-run'))}`,
      '/view/escape',
      '/events/escape',
      '/view/escape/spec.resolved.yaml',
      '/../outside/secret.txt',
      '/view/%00',
    ];
    for (const path of attempts) {
      const r = await rawGet(path);
      expect([403, 404], path).toContain(r.status);
      expect(r.body, path).not.toContain(SECRET);
    }
    expect((await rawGet('/view/escape')).status).toBe(403);
    expect((await rawGet('/view/%2e%2e/outside/fake-run')).status).toBe(403);
    const post = await new Promise<number>((resolve) => {
      const { hostname, port } = new URL(url);
      const req = request({ host: hostname, port, path: '/', method: 'POST' }, (res) => resolve(res.statusCode ?? 0));
      req.end();
    });
    expect(post).toBe(405);
  });
});

describe('hyperspec dashboard: live', () => {
  it('shows a trial finished by a running search within 5 s, without a reload, while the search writes the SQLite study', async () => {
    const spec = exampleSpec('iris.yaml');
    spec.name = 'live';
    spec.train.epochs = 150;
    spec.search = {
      searcher: { type: 'random' },
      trials: 4,
      parallel: 1,
      objective: { metric: 'val_loss', direction: 'minimize' },
      storage: { type: 'sqlite' },
      space: { 'train.optimizer.learning_rate': { type: 'loguniform', low: 0.01, high: 0.1 }, 'model.units': { type: 'int', low: 4, high: 16 } },
    };
    const studyDir = join(root, 'live-study');
    const db = join(studyDir, 'study.db');
    const search = startCli(['search', writeSpec(work, 'live', spec), '--study-dir', studyDir, '--quiet'], work);
    const completed = async () => {
      if (!existsSync(db)) return new Set<number>();
      try {
        const [s] = await readStudies(db);
        return new Set((s?.trials ?? []).filter((t) => t.state === 'complete').map((t) => t.number));
      } catch {
        return new Set<number>();
      }
    };
    for (let i = 0; i < 600 && (await readStudies(db).catch(() => [])).length === 0; i++) await sleep(50);

    const { page, errors, blocked } = await watchedPage(browser.browser, [url]);
    await page.goto(`${url}view/live-study`);
    await page.waitForSelector('#live:has-text("live")');
    await page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));
    const shownComplete = async () =>
      page.$$eval('table[data-table="trials"] tbody tr', (trs) => trs.filter((tr) => tr.children[1]?.textContent === 'complete').map((tr) => Number(tr.children[0]?.textContent?.replace(/\D/g, ''))));
    const atLoad = new Set(await shownComplete().catch(() => []));
    expect(atLoad.size, 'the page opened before the last trial finished').toBeLessThan(4);

    // Wait until the storage says a trial finished that the page did not show at load, then give the page 5 s.
    let fresh: number | undefined;
    for (let i = 0; i < 1200 && fresh === undefined; i++) {
      fresh = [...(await completed())].find((n) => !atLoad.has(n));
      if (fresh === undefined) await sleep(50);
    }
    expect(fresh).toBeDefined();
    await page.waitForFunction(
      (n) => [...document.querySelectorAll('table[data-table="trials"] tbody tr')].some((tr) => tr.children[0]?.textContent?.replace(/\D/g, '') === String(n) && tr.children[1]?.textContent === 'complete'),
      fresh,
      { timeout: 5000 },
    );
    expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);

    const result = await search.done;
    expect(result.code, result.stderr).toBe(0);
    await page.waitForFunction(() => document.querySelectorAll('table[data-table="trials"] tbody tr').length === 4 && [...document.querySelectorAll('table[data-table="trials"] tbody tr')].every((tr) => tr.children[1]?.textContent === 'complete'), undefined, { timeout: 5000 });
    expect(await page.$$eval('[data-chart="history"] svg path', (p) => p.length)).toBeGreaterThan(5);
    await screenshot(page, 'dashboard-study');

    // The front page lists the study; a trial's page is its run, linked from the study.
    await page.goto(url);
    expect(await page.textContent('table[data-table="studies"]')).toContain('live-study');
    await page.goto(`${url}view/live-study/trials/0`);
    await page.waitForSelector('[data-chart="curve-loss"] svg');
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
  });
});
