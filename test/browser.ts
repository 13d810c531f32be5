import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser, type Page } from 'playwright-core';
import { repoRoot } from './repo-paths.js';

/** Where browser tests leave screenshots for a person to look at (gitignored). */
export const artifactsDir = join(repoRoot, 'test-artifacts');

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * A headless Chromium from the npm package @sparticuz/chromium (the binary ships inside the package:
 * nothing is downloaded), driven by playwright-core. The package unpacks the binary into the temporary
 * directory; each test file gets its own, so parallel test files (and other users of /tmp) never see a
 * half-unpacked browser.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const unpackDir = mkdtempSync(join(tmpdir(), 'hs-chromium-'));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = unpackDir;
  let executablePath: string;
  try {
    executablePath = await chromium.executablePath();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  const launch = () => playwright.launch({ executablePath, args: [...chromium.args, '--no-sandbox'], headless: true });
  let browser: Browser;
  try {
    browser = await launch();
  } catch (e) {
    // Seen once on two heavily loaded cores: the browser process died (SIGSEGV) while starting. A
    // second launch is a fresh process; a browser that cannot start twice fails the test.
    process.stderr.write(`Chromium did not start (${(e as Error).message.split('\n')[0]}); launching once more\n`);
    browser = await launch();
  }
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(unpackDir, { recursive: true, force: true });
    },
  };
}

export interface WatchedPage {
  page: Page;
  /** Console errors and uncaught exceptions of the page. */
  errors: string[];
  /** Requests the page tried that were blocked (anything but the allowed schemes or origin). */
  blocked: string[];
}

/**
 * A new page that records console errors and uncaught exceptions, and aborts every request whose URL
 * does not start with one of `allowed` — for a report file `['file:', 'data:']`: the network is off.
 */
export async function watchedPage(browser: Browser, allowed: readonly string[], viewport = { width: 1280, height: 900 }): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  const blocked: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed.some((a) => url.startsWith(a))) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  return { page, errors, blocked };
}

/** Writes a full-page screenshot to test-artifacts/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const file = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** What the page's ECharts instance of chart `id` holds: series (type, name, point count, line style) and axis names. */
export async function chartInfo(page: Page, id: string) {
  return page.evaluate((chartId) => {
    const box = document.querySelector(`[data-chart="${chartId}"]`) as HTMLElement | null;
    if (!box) return null;
    const ec = (window as unknown as { echarts: { getInstanceByDom(el: HTMLElement): { getOption(): Record<string, any> } } }).echarts;
    const option = ec.getInstanceByDom(box).getOption();
    const names = (axes: any[] | undefined) => (axes ?? []).map((a) => a.name ?? '').filter((n: string) => n !== '');
    const svg = box.querySelector('svg');
    return {
      series: (option.series as any[]).map((s) => ({ type: s.type as string, name: s.name as string, points: (s.data ?? []).length as number, dashed: s.lineStyle?.type === 'dashed' })),
      axes: [...names(option.xAxis), ...names(option.yAxis), ...names(option.parallelAxis)],
      svgShapes: svg ? svg.querySelectorAll('path, rect, circle, polyline').length : 0,
      svgText: svg ? [...svg.querySelectorAll('text')].map((t) => t.textContent ?? '') : [],
      width: box.clientWidth,
      height: box.clientHeight,
    };
  }, id);
}

/** The ids of every chart on the page. */
export async function chartIds(page: Page): Promise<string[]> {
  return page.$$eval('[data-chart]', (els) => els.map((e) => (e as HTMLElement).dataset.chart!));
}
