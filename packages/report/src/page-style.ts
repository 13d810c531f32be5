/** The page's stylesheet: system fonts only (nothing to fetch), one column on a phone, a grid of cards on wider screens. */
export const PAGE_STYLE = `
:root { color-scheme: light; --ink: #1d232b; --muted: #66707c; --line: #dfe3e8; --card: #fff; --bg: #f4f6f8; --accent: #2b6cb0; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
header { padding: 16px clamp(12px, 3vw, 32px) 8px; background: var(--card); border-bottom: 1px solid var(--line); }
h1 { margin: 0; font-size: 1.35rem; }
#subtitle { margin: 2px 0 0; color: var(--muted); word-break: break-all; font-size: 0.85rem; }
#live { font-size: 0.8rem; color: #2f855a; }
main { padding: 8px clamp(8px, 3vw, 32px) 32px; max-width: 1600px; margin: 0 auto; }
h2 { font-size: 1.05rem; margin: 20px 4px 8px; }
h3 { font-size: 0.9rem; margin: 0 0 6px; color: var(--muted); font-weight: 600; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 460px), 1fr)); gap: 12px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px; min-width: 0; }
.card.wide { grid-column: 1 / -1; }
.chart { width: 100%; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; }
th { position: sticky; top: 0; background: var(--card); }
tfoot td { font-weight: 600; border-bottom: none; }
button.sort { font: inherit; font-weight: 600; border: none; background: none; padding: 0; cursor: pointer; color: var(--ink); }
th[aria-sort="ascending"] button.sort::after { content: " ▲"; }
th[aria-sort="descending"] button.sort::after { content: " ▼"; }
a { color: var(--accent); }
.note { margin: 0; color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; word-break: break-all; }
.tone-default { color: var(--muted); }
.tone-set { color: #2b6cb0; font-weight: 600; }
.tone-searched { color: #b7791f; font-weight: 600; }
.tone-complete { color: #2f855a; }
.tone-pruned { color: #b7791f; }
.tone-failed { color: #c53030; }
.tone-running { color: #2b6cb0; }
.tone-best { font-weight: 700; }
.tone-best::after { content: " ★"; color: #d69e2e; }
.tone-muted { color: var(--muted); }
`;
