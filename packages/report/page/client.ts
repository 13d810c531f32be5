import type { ECharts } from 'echarts';
import type { Block, Cell, ChartBlock, PageConfig, PageView, TableBlock } from './view.js';

/*
 * The page's own code: renders a PageView (embedded JSON) into the document, draws its charts with the
 * inlined ECharts bundle, sorts tables on a heading click, and, on the dashboard, re-renders in place
 * whenever the server sends a new view (server-sent events). Blocks are keyed by id, so a live update
 * keeps each chart instance and each table's sort order.
 */

declare const echarts: typeof import('echarts');

const charts = new Map<string, ECharts>();
const sortState = new Map<string, { column: number; descending: boolean }>();
const tables = new Map<string, TableBlock>();

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The child of `parent` with this id, created (and placed last) when missing. */
function keyed(parent: HTMLElement, id: string, make: () => HTMLElement): HTMLElement {
  const found = document.getElementById(id);
  if (found && found.parentElement === parent) {
    parent.appendChild(found);
    return found;
  }
  const made = make();
  made.id = id;
  parent.appendChild(made);
  return made;
}

function cellNode(cell: Cell, tag: 'td' | 'th'): HTMLElement {
  const td = el(tag, cell.tone ? `tone-${cell.tone}` : undefined);
  if (cell.title) td.title = cell.title;
  if (cell.href) {
    const a = el('a', undefined, cell.text);
    a.href = cell.href;
    td.appendChild(a);
  } else td.textContent = cell.text;
  return td;
}

function compareCells(a: Cell | undefined, b: Cell | undefined): number {
  const ka = a?.sort ?? a?.text ?? '';
  const kb = b?.sort ?? b?.text ?? '';
  if (typeof ka === 'number' && typeof kb === 'number') return ka - kb;
  if (typeof ka === 'number') return -1;
  if (typeof kb === 'number') return 1;
  return String(ka).localeCompare(String(kb), undefined, { numeric: true });
}

function drawTableBody(table: HTMLTableElement, block: TableBlock): void {
  const state = sortState.get(block.id);
  const rows = [...block.rows];
  if (state) rows.sort((a, b) => (state.descending ? -1 : 1) * compareCells(a[state.column], b[state.column]));
  const body = el('tbody');
  for (const row of rows) {
    const tr = el('tr');
    for (const cell of row) tr.appendChild(cellNode(cell, 'td'));
    body.appendChild(tr);
  }
  table.tBodies[0]?.remove();
  table.insertBefore(body, table.tFoot);
  table.querySelectorAll('thead th').forEach((th, i) => {
    th.setAttribute('aria-sort', state?.column === i ? (state.descending ? 'descending' : 'ascending') : 'none');
  });
}

function renderTable(card: HTMLElement, block: TableBlock): void {
  tables.set(block.id, block);
  card.replaceChildren();
  if (block.title) card.appendChild(el('h3', undefined, block.title));
  const wrap = el('div', 'table-wrap');
  const table = el('table');
  table.dataset.table = block.id;
  const head = el('thead');
  const tr = el('tr');
  block.columns.forEach((name, i) => {
    const th = el('th');
    if (block.sortable) {
      const button = el('button', 'sort', name);
      button.type = 'button';
      button.addEventListener('click', () => {
        const now = sortState.get(block.id);
        sortState.set(block.id, { column: i, descending: now?.column === i ? !now.descending : false });
        drawTableBody(table, tables.get(block.id)!);
      });
      th.appendChild(button);
    } else th.textContent = name;
    tr.appendChild(th);
  });
  head.appendChild(tr);
  table.appendChild(head);
  if (block.footer) {
    const foot = el('tfoot');
    const fr = el('tr');
    for (const cell of block.footer) fr.appendChild(cellNode(cell, 'td'));
    foot.appendChild(fr);
    table.appendChild(foot);
  }
  drawTableBody(table, block);
  wrap.appendChild(table);
  card.appendChild(wrap);
}

function renderChart(card: HTMLElement, block: ChartBlock): void {
  let chart = charts.get(block.id);
  if (!chart) {
    card.replaceChildren(el('h3', undefined, block.title));
    const box = el('div', 'chart');
    box.dataset.chart = block.id;
    box.style.height = `${block.height ?? 300}px`;
    card.appendChild(box);
    chart = echarts.init(box, undefined, { renderer: 'svg' });
    charts.set(block.id, chart);
  }
  chart.setOption(block.option, { notMerge: true });
}

function renderBlock(card: HTMLElement, block: Block): void {
  card.className = `card card-${block.kind}${'wide' in block && block.wide ? ' wide' : ''}`;
  if (block.kind === 'chart') return renderChart(card, block);
  if (block.kind === 'table') return renderTable(card, block);
  if (block.kind === 'note') {
    card.replaceChildren(el('p', 'note', block.text));
    return;
  }
  const list = el('dl', 'facts');
  for (const { label, value, href } of block.items) {
    const dd = el('dd');
    if (href) {
      const a = el('a', undefined, value);
      a.href = href;
      dd.appendChild(a);
    } else dd.textContent = value;
    list.append(el('dt', undefined, label), dd);
  }
  card.replaceChildren(list);
}

function render(view: PageView): void {
  document.title = `${view.title} — hyperspec`;
  document.getElementById('title')!.textContent = view.title;
  document.getElementById('subtitle')!.textContent = view.subtitle ?? '';
  const main = document.getElementById('sections')!;
  const seen = new Set<string>();
  for (const section of view.sections) {
    const node = keyed(main, `section-${section.id}`, () => {
      const s = el('section');
      s.append(el('h2'), el('div', 'grid'));
      return s;
    });
    node.querySelector('h2')!.textContent = section.title;
    const grid = node.querySelector<HTMLElement>('.grid')!;
    seen.add(node.id);
    for (const block of section.blocks) {
      const card = keyed(grid, `block-${block.id}`, () => el('div'));
      seen.add(card.id);
      renderBlock(card, block);
    }
  }
  // Drop what the new view no longer has (a chart's instance with it).
  for (const [id, chart] of charts) {
    if (!seen.has(`block-${id}`)) {
      chart.dispose();
      charts.delete(id);
    }
  }
  main.querySelectorAll<HTMLElement>('section, .card').forEach((n) => {
    if (!seen.has(n.id)) n.remove();
  });
}

function start(): void {
  const config = JSON.parse(document.getElementById('hyperspec-data')!.textContent ?? '{}') as PageConfig;
  render(config.view);
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
  if (!config.live) return;
  const status = document.getElementById('live')!;
  const events = new EventSource(config.live.events);
  events.onopen = () => (status.textContent = 'live');
  events.onerror = () => (status.textContent = 'reconnecting…');
  events.onmessage = (e: MessageEvent<string>) => {
    render((JSON.parse(e.data) as { view: PageView }).view);
    status.textContent = `live · updated ${new Date().toLocaleTimeString()}`;
  };
}

start();
