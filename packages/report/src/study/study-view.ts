import { fitImportance, flattenSpace } from '@hyperspec/core/search';
import { countStates, displayParams, leaderboard } from '@hyperspec/core/study';
import type { Block, Cell, PageView, Section } from '../../page/view.js';
import { formatNumber, formatValue } from '../format.js';
import { contourChart } from './contour-chart.js';
import type { StudyData } from './load-study.js';
import { historyChart, importanceChart, intermediateChart, parallelChart, paretoChart, sliceCharts } from './study-charts.js';

export interface StudyViewOptions {
  /** Where a trial's run report is (relative to the page), if it has one. */
  trialHref?: (number: number) => string | undefined;
}

function trialTable(data: StudyData, options: StudyViewOptions, best: number | undefined): Block {
  const names = flattenSpace(data.space).map((d) => d.name);
  const rows: Cell[][] = data.trials.map((t) => {
    const params = displayParams(data.space, t.params);
    const href = options.trialHref?.(t.number);
    const epochs = Object.keys(t.intermediate).length;
    return [
      { text: String(t.number), sort: t.number, tone: t.number === best ? 'best' : undefined },
      { text: t.state, tone: t.state },
      typeof t.value === 'number' ? { text: formatNumber(t.value), sort: t.value } : { text: '—', sort: '' },
      ...names.map((n): Cell => (n in params ? { text: formatValue(params[n]), sort: typeof params[n] === 'number' ? (params[n] as number) : formatValue(params[n]) } : { text: '—', sort: '', tone: 'muted' })),
      { text: String(epochs), sort: epochs },
      { text: t.reason ?? '' },
      href ? { text: 'report', href } : { text: '' },
    ];
  });
  return { kind: 'table', id: 'trials', title: 'trials (click a heading to sort)', columns: ['trial', 'state', data.metric, ...names, 'epochs', 'note', 'run'], rows, sortable: true, wide: true };
}

/** The study report: summary, history, importance, parallel coordinates, contour, slices, intermediate values, trials. */
export function studyView(data: StudyData, options: StudyViewOptions = {}): PageView {
  const counts = countStates(data.trials);
  const ranked = leaderboard(data.trials, data.objectives.map((o) => o.direction), data.space);
  const several = data.objectives.length > 1;
  const top = ranked[0];
  const facts: Block = {
    kind: 'facts',
    id: 'summary',
    items: [
      { label: 'study', value: data.study.name },
      { label: 'storage', value: data.source },
      { label: several ? 'objectives' : 'objective', value: data.objectives.map((o) => `${o.direction} ${o.metric}`).join(', ') },
      { label: 'trials', value: `${data.trials.length} (${Object.entries(counts).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(', ') || 'none yet'})` },
      ...(several
        ? [{ label: 'Pareto front', value: ranked.filter((e) => e.rank === 1).map((e) => `trial ${e.number}`).join(', ') || 'no completed trial yet' }]
        : top ? [{ label: 'best', value: `trial ${top.number}: ${data.metric} ${formatNumber(top.value)}` }, ...Object.entries(top.params).map(([k, v]) => ({ label: k, value: formatValue(v) }))] : []),
    ],
  };
  const model = fitImportance(data.space, data.trials, { trees: 64, seed: 0 });
  const importance: Block[] = model
    ? [importanceChart(model.ranking), { kind: 'note', id: 'importance-note', text: `fANOVA on a random forest of 64 trees (Hutter, Hoos & Leyton-Brown 2014), over the ${data.trials.filter((t) => t.state === 'complete').length} completed trials and the parameters every one of them has.` }]
    : [{ kind: 'note', id: 'importance-note', text: 'importance needs at least two completed trials' }];
  const contour = model ? contourChart(model, data.trials, data.metric) : null;
  const parallel = parallelChart(data.space, data.trials, data.metric, data.direction);
  const sections: Section[] = [
    { id: 'summary', title: 'Summary', blocks: [facts] },
    ...(several ? [{ id: 'pareto', title: 'Pareto front', blocks: [paretoChart(data.trials, data.objectives, new Set(ranked.filter((e) => e.rank === 1).map((e) => e.number)))] }] : []),
    { id: 'history', title: 'Optimization history', blocks: [historyChart(data.trials, data.metric, data.direction)] },
    { id: 'importance', title: 'Hyperparameter importance', blocks: importance },
    { id: 'parallel', title: 'Parameters against the objective', blocks: [...(parallel ? [parallel] : []), ...(contour ? [contour] : [])] },
    { id: 'slices', title: 'Slices', blocks: sliceCharts(data.space, data.trials, data.metric) },
    { id: 'intermediate', title: 'Intermediate values', blocks: [intermediateChart(data.trials, data.metric)] },
    { id: 'trials', title: 'Trials', blocks: [trialTable(data, options, top?.number)] },
  ];
  return { kind: 'study', title: `Study ${data.study.name}`, subtitle: data.dir, sections };
}
