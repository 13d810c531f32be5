import type { PageConfig } from '../page/view.js';
import { pageAssets } from './assets.js';
import { PAGE_STYLE } from './page-style.js';

/** JSON safe inside a <script> element: no `<` that could close it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Script text safe inside a <script> element. */
function scriptText(js: string): string {
  return js.replace(/<\/script/gi, '<\\/script');
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * One self-contained HTML page: the stylesheet, the view as JSON, ECharts and the page script, all
 * inline. The content security policy allows nothing to be fetched — only the dashboard's own event
 * stream (`connect-src 'self'`) — so a report file works offline and cannot leak anything.
 */
export function renderHtml(config: PageConfig): string {
  const { echarts, client } = pageAssets();
  const csp = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="generator" content="hyperspec">
<title>${escapeHtml(config.view.title)} — hyperspec</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header><h1 id="title">${escapeHtml(config.view.title)}</h1><p id="subtitle"></p><span id="live"></span></header>
<main id="sections"></main>
<script type="application/json" id="hyperspec-data">${scriptJson(config)}</script>
<script>${scriptText(echarts)}</script>
<script type="module">${scriptText(client)}</script>
</body>
</html>
`;
}
