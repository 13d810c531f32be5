import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStudy } from 'hyperspec';
import { startDashboard, type Dashboard, type PageConfig } from '../src/index.js';

// One SQLite file holding two studies (two programs sharing `storage.path`): the dashboard's page of
// that folder lists both, and each is served on its own, not the first shown as if it were the only one.

let dir: string;
let dashboard: Dashboard;

async function fill(name: string, values: number[]): Promise<void> {
  const study = await openStudy({ name, dir, storage: { type: 'sqlite', path: 'shared.db' }, searcher: { type: 'random' }, space: { x: { type: 'uniform', low: 0, high: 1 } } });
  for (const v of values) await study.tell(await study.ask(), v);
  await study.close();
}

/** The page's embedded view (the JSON the page renders from). */
async function view(path: string): Promise<{ status: number; config?: PageConfig }> {
  const res = await fetch(new URL(path, dashboard.url));
  const body = await res.text();
  const m = /<script type="application\/json" id="hyperspec-data">([\s\S]*?)<\/script>/.exec(body);
  return { status: res.status, config: m ? (JSON.parse(m[1].replace(/\\u003c/g, '<')) as PageConfig) : undefined };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hs-dash-studies-'));
  await fill('alpha', [3, 1, 2]);
  await fill('beta', [7, 5]);
  dashboard = await startDashboard({ root: dir });
});

afterAll(async () => {
  await dashboard?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('hyperspec dashboard: a study directory whose database holds several studies', () => {
  it('lists every study with its trial count and best value', async () => {
    const { status, config } = await view('/view/');
    expect(status).toBe(200);
    const table = config!.view.sections[0].blocks[0] as { rows: { text: string; href?: string }[][] };
    expect(table.rows.map((r) => [r[0].text, r[1].text, r[3].text.split(' ')[0]])).toEqual([['alpha', '3', '1'], ['beta', '2', '5']]);
    expect(table.rows[1][0].href).toBe('/view/?study=beta');
  });

  it('serves each study on its own page, live, and 404 for a name it does not hold', async () => {
    const beta = await view('/view/?study=beta');
    expect(beta.status).toBe(200);
    expect(beta.config!.view.kind).toBe('study');
    expect(JSON.stringify(beta.config!.view)).toContain('beta');
    expect(JSON.stringify(beta.config!.view)).not.toContain('alpha');
    expect(beta.config!.live?.events).toBe('/events/?study=beta');
    expect((await view('/view/?study=gamma')).status).toBe(404);
  });
});
