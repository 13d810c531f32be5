import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { HyperspecError } from '@hyperspec/core';

export interface PageAssets {
  /** ECharts' bundled build, inlined into every page. */
  echarts: string;
  /** The page's own script (page/client.ts, built). */
  client: string;
}

let cached: PageAssets | undefined;

/**
 * The scripts a page inlines, read once from the installed packages: ECharts' own minified bundle from
 * node_modules and the page script tsc built into dist/page (this file sits one level under the
 * package in src/ and dist/ alike).
 */
export function pageAssets(): PageAssets {
  if (cached) return cached;
  const echartsFile = createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js');
  const clientFile = fileURLToPath(new URL('../dist/page/client.js', import.meta.url));
  if (!existsSync(clientFile)) {
    throw new HyperspecError('internal', `the report page script ${clientFile} is missing`, { hint: 'build the workspace first: pnpm build' });
  }
  cached = { echarts: readFileSync(echartsFile, 'utf8'), client: readFileSync(clientFile, 'utf8') };
  return cached;
}
