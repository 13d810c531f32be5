import type { EChartsOption } from 'echarts';

/*
 * What a report page shows, as plain JSON: the Node side builds it from a run or study directory and
 * the page renders it (in a file, or live from the dashboard). Charts are ECharts options.
 */

/** One chart: an ECharts option, drawn with the SVG renderer. */
export interface ChartBlock {
  kind: 'chart';
  id: string;
  title: string;
  option: EChartsOption;
  /** Pixels (default 300). */
  height?: number;
  /** Spans the whole row on wide screens. */
  wide?: boolean;
}

/** A table cell: its text, a sort key when the text does not sort right, an optional link and tone. */
export interface Cell {
  text: string;
  sort?: number | string;
  href?: string;
  tone?: 'muted' | 'set' | 'default' | 'searched' | 'complete' | 'pruned' | 'failed' | 'running' | 'best';
  title?: string;
}

export interface TableBlock {
  kind: 'table';
  id: string;
  title?: string;
  columns: string[];
  rows: Cell[][];
  /** Click a column heading to sort by it. */
  sortable?: boolean;
  footer?: Cell[];
  wide?: boolean;
}

export interface FactsBlock {
  kind: 'facts';
  id: string;
  items: { label: string; value: string; href?: string }[];
}

export interface NoteBlock {
  kind: 'note';
  id: string;
  text: string;
}

export type Block = ChartBlock | TableBlock | FactsBlock | NoteBlock;

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}

export interface PageView {
  kind: 'run' | 'study' | 'index';
  title: string;
  subtitle?: string;
  sections: Section[];
}

/** Embedded in the page as JSON; `live` is set by the dashboard. */
export interface PageConfig {
  view: PageView;
  live?: { events: string };
}
