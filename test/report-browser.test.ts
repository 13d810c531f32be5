import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartIds, chartInfo, launchBrowser, screenshot, watchedPage, type TestBrowser } from './browser.js';
import { tempDir } from './cli-helpers.js';
import { cli, exampleSpec, searchOutput, writeSpec } from './search-helpers.js';

/*
 * The HTML reports in a real browser (headless Chromium), opened from file: with every other request
 * blocked: a shortened iris run and a small iris study, both written by the CLI's --report flags.
 */

const EPOCHS = 20;
let work: string;
let browser: TestBrowser;
let run: { run_dir: string; report: string };
let study: ReturnType<typeof searchOutput> & { report: string };

beforeAll(async () => {
  work = tempDir('hs-report-');
  const spec = exampleSpec('iris.yaml');
  spec.train.epochs = EPOCHS;
  const trained = cli(['train', writeSpec(work, 'iris', spec), '--run-dir', join(work, 'run'), '--report', '--quiet'], work);
  expect(trained.code, trained.stderr).toBe(0);
  run = JSON.parse(trained.stdout.trim().split('\n').pop()!);
  expect(trained.stderr).toContain(`report: ${run.report}`);

  const searchSpec = exampleSpec('iris.yaml');
  searchSpec.name = 'iris-study';
  searchSpec.train.epochs = 12;
  searchSpec.search = {
    searcher: { type: 'random' },
    trials: 8,
    parallel: 1, // one at a time: which trials the median pruner stops must not depend on finish order
    objective: { metric: 'val_loss', direction: 'minimize' },
    pruner: { type: 'median' },
    storage: { type: 'sqlite' },
    space: {
      'train.optimizer.learning_rate': { type: 'loguniform', low: 0.001, high: 0.3 },
      'model.units': { type: 'int', low: 2, high: 32 },
      'model.activation': { type: 'choice', values: ['relu', 'tanh'] },
    },
  };
  const searched = cli(['search', writeSpec(work, 'study', searchSpec), '--study-dir', join(work, 'study'), '--report', '--quiet'], work);
  expect(searched.code, searched.stderr).toBe(0);
  study = searchOutput(searched) as typeof study;
  expect(searched.stderr).toContain(`report: ${study.report}`);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function openReport(file: string, viewport?: { width: number; height: number }) {
  const watched = await watchedPage(browser.browser, ['file:', 'data:'], viewport);
  await watched.page.goto(pathToFileURL(file).href);
  await watched.page.waitForSelector('[data-chart] svg');
  return watched;
}

/** The rows of a table as text, cell by cell. */
async function tableRows(page: import('playwright-core').Page, id: string): Promise<string[][]> {
  return page.$$eval(`table[data-table="${id}"] tbody tr`, (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}

describe('run report', () => {
  it('draws every chart of an iris run offline, with no console error', async () => {
    const { page, errors, blocked } = await openReport(run.report);
    const ids = await chartIds(page);
    expect(ids).toEqual(expect.arrayContaining(['curve-loss', 'curve-accuracy', 'lr', 'batch-loss', 'weight-norms', 'grad-norms', 'epoch-time']));
    for (const id of ids) {
      const info = (await chartInfo(page, id))!;
      expect(info.svgShapes, id).toBeGreaterThan(5);
      expect(info.width, id).toBeGreaterThan(200);
      expect(info.axes.length, `${id} has axis titles`).toBeGreaterThanOrEqual(2);
      for (const name of info.axes) expect(info.svgText, `${id} shows its axis title ${name}`).toContain(name);
    }
    const loss = (await chartInfo(page, 'curve-loss'))!;
    expect(loss.series.map((s) => [s.name, s.points])).toEqual([['train', EPOCHS], ['validation', EPOCHS]]);
    expect(loss.axes).toEqual(['epoch', 'loss']);
    // iris: 150 samples, 20% held out, batches of 16 → 8 steps per epoch.
    expect((await chartInfo(page, 'lr'))!.series[0].points).toBe(8 * EPOCHS);
    const norms = (await chartInfo(page, 'weight-norms'))!;
    expect(norms.series.map((s) => s.name)).toEqual(['0.weight', '0.bias', '1.weight', '1.bias']);
    expect(norms.series.every((s) => s.points === EPOCHS)).toBe(true);
    expect((await chartInfo(page, 'epoch-time'))!.series[0].points).toBe(EPOCHS);

    const report = JSON.parse(readFileSync(join(run.run_dir, 'report.json'), 'utf8'));
    expect(await page.textContent('table[data-table="parameters"] tfoot')).toContain(String(report.parameters));
    const training = Object.fromEntries((await tableRows(page, 'hp-training')).map((r) => [r[0], r]));
    expect(training['train.optimizer.learning_rate']).toEqual(['train.optimizer.learning_rate', '0.05', 'set']);
    expect(training['train.optimizer.nesterov']).toEqual(['train.optimizer.nesterov', 'false', 'default']);
    await screenshot(page, 'run-report');
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
  });

  it('shows the test metrics and confusion matrix of evaluation.json, written with --out', async () => {
    writeFileSync(join(run.run_dir, 'evaluation.json'), JSON.stringify({ split: 'test', accuracy: 0.9, labels: ['setosa', 'versicolor', 'virginica'], confusion_matrix: [[10, 0, 0], [0, 8, 2], [0, 1, 9]] }));
    const out = join(work, 'elsewhere', 'iris.html');
    const r = cli(['report', run.run_dir, '--out', out], work);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`report: ${out}`);
    const { page, errors, blocked } = await openReport(out);
    const confusion = (await chartInfo(page, 'confusion'))!;
    expect(confusion.series).toEqual([expect.objectContaining({ type: 'heatmap', points: 9 })]);
    expect(confusion.svgText).toEqual(expect.arrayContaining(['setosa', 'virginica', '8', '2']));
    expect(await tableRows(page, 'test-metrics')).toContainEqual(['accuracy', '0.9', 'evaluation.json']);
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
  });
});

describe('study report', () => {
  it('draws history, importance, parallel coordinates, contour, slices and intermediate values', async () => {
    const { page, errors, blocked } = await openReport(study.report);
    for (const id of await chartIds(page)) {
      const info = (await chartInfo(page, id))!;
      expect(info.svgShapes, id).toBeGreaterThan(5);
      expect(info.axes.length, `${id} has axis titles`).toBeGreaterThanOrEqual(2);
    }
    const history = (await chartInfo(page, 'history'))!;
    expect(history.series.find((s) => s.name === 'trial value')!.points).toBe(study.complete);
    expect(history.series.find((s) => s.name === 'best so far')!.points).toBe(study.complete);
    expect(history.axes).toEqual(['trial', 'val_loss']);
    const names = ['train.optimizer.learning_rate', 'model.units', 'model.activation'];
    const importance = (await chartInfo(page, 'importance'))!;
    expect(importance.series[0].points).toBe(3);
    expect(importance.svgText).toEqual(expect.arrayContaining(names));
    const parallel = (await chartInfo(page, 'parallel'))!;
    expect(parallel.series[0].points).toBe(study.complete);
    expect(parallel.axes).toEqual([...names, 'val_loss']);
    const contour = (await chartInfo(page, 'contour'))!;
    expect(contour.series.map((s) => s.type)).toEqual(['heatmap', 'scatter']);
    expect(contour.series[1].points).toBe(study.complete);
    expect(contour.series[0].points).toBeGreaterThanOrEqual(2 * 24);
    for (const n of names) expect((await chartInfo(page, `slice-${n}`))!.series[0].points).toBe(study.complete);
    const intermediate = (await chartInfo(page, 'intermediate'))!;
    expect(intermediate.series.length).toBe(study.trials);
    expect(intermediate.series.filter((s) => s.dashed).length).toBe(study.pruned);
    expect(intermediate.series.filter((s) => s.name.endsWith('(pruned)')).length).toBe(study.pruned);
    expect(study.pruned).toBeGreaterThan(0);
    await screenshot(page, 'study-report');
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
  });

  it('sorts the trial table by a column, both ways, and links each trial to its run report', async () => {
    const { page, errors } = await openReport(study.report);
    const column = (await page.$$eval('table[data-table="trials"] thead th', (ths) => ths.map((th) => th.textContent))).indexOf('val_loss');
    const values = async () => (await tableRows(page, 'trials')).map((r) => r[column]).filter((v) => v !== '—').map(Number);
    const before = await values();
    await page.click('table[data-table="trials"] thead th:nth-child(3) button');
    const ascending = await values();
    expect(ascending).toEqual([...before].sort((a, b) => a - b));
    await page.click('table[data-table="trials"] thead th:nth-child(3) button');
    expect(await values()).toEqual([...before].sort((a, b) => b - a));
    expect(await page.getAttribute('table[data-table="trials"] thead th:nth-child(3)', 'aria-sort')).toBe('descending');

    const hrefs = await page.$$eval('table[data-table="trials"] tbody a', (as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs.length).toBe(study.trials);
    for (const h of hrefs) expect(existsSync(resolve(dirname(study.report), h))).toBe(true);
    await page.click('table[data-table="trials"] tbody tr:first-child a');
    await page.waitForSelector('[data-chart="curve-loss"] svg');
    const sources = Object.fromEntries((await tableRows(page, 'hp-architecture')).map((r) => [r[0], r[2]]));
    expect(sources['model.units']).toBe('searched');
    expect(sources['model.hidden_layers']).toBe('set');
    // The trial's report links back to the study's.
    await page.click('dl.facts a');
    await page.waitForSelector('[data-chart="history"] svg');
    expect(page.url()).toBe(pathToFileURL(study.report).href);
    expect(errors).toEqual([]);
  });

  it('fits a phone screen: nothing wider than the viewport', async () => {
    const { page, errors } = await openReport(study.report, { width: 390, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'study-report-phone');
    expect(errors).toEqual([]);
  });
});
