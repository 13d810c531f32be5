import type { Block, Cell, PageView, Section, TableBlock } from '../../page/view.js';
import { formatNumber, formatSeconds, formatValue } from '../format.js';
import { readEvaluation } from './evaluation.js';
import { hyperparameters, type HyperparameterGroup } from './hyperparameters.js';
import type { RunData } from './load-run.js';
import { confusionChart, epochTimes, layerCharts, learningCurves, stepCharts } from './run-charts.js';

export interface RunViewOptions {
  /** Link to the study's report, for a trial. */
  studyHref?: string;
}

const GROUPS: HyperparameterGroup[] = ['training', 'architecture', 'regularization', 'data', 'other'];

function hyperparameterTables(run: RunData): Block[] {
  if (!run.resolved) return [{ kind: 'note', id: 'no-spec', text: 'spec.resolved.yaml is not written yet' }];
  const all = hyperparameters(run.resolved, run.written, run.searched);
  const tables: Block[] = GROUPS.flatMap((group): TableBlock[] => {
    const rows = all.filter((h) => h.group === group);
    if (group === 'regularization' && rows.length === 0) return [{ kind: 'table', id: 'hp-regularization', title: 'regularization', columns: ['hyperparameter', 'value', 'source'], rows: [[{ text: 'none' }, { text: '' }, { text: '' }]] }];
    if (rows.length === 0) return [];
    return [{
      kind: 'table',
      id: `hp-${group}`,
      title: group,
      columns: ['hyperparameter', 'value', 'source'],
      rows: rows.map((h) => [{ text: h.path }, { text: formatValue(h.value), sort: typeof h.value === 'number' ? h.value : undefined }, { text: h.source, tone: h.source }]),
    }];
  });
  const note = run.written ? 'source: set = written in the spec, default = filled in from the component\'s schema, searched = chosen by the search' : 'the spec as written was not kept with this run, so defaults cannot be told apart';
  return [...tables, { kind: 'note', id: 'hp-note', text: note }];
}

function parameterTable(run: RunData): Block {
  const tensors = run.layers[run.layers.length - 1]?.params ?? [];
  const described = run.report?.layers ?? [];
  const rows: Cell[][] = tensors.map((t) => {
    const index = Number(t.name.split('.')[0]);
    const layer = described[index];
    const count = t.shape.reduce((a, b) => a * b, 1);
    return [
      { text: String(index), sort: index },
      { text: layer ? `${layer.description}` : '', title: layer?.path },
      { text: t.name.split('.').slice(1).join('.') },
      { text: `[${t.shape.join(', ')}]` },
      { text: count.toLocaleString('en-US'), sort: count },
    ];
  });
  const total = tensors.reduce((n, t) => n + t.shape.reduce((a, b) => a * b, 1), 0);
  return {
    kind: 'table',
    id: 'parameters',
    title: 'learned parameters per layer',
    columns: ['layer', 'description', 'tensor', 'shape', 'count'],
    rows,
    footer: [{ text: 'total' }, { text: '' }, { text: '' }, { text: '' }, { text: (run.report?.parameters ?? total).toLocaleString('en-US') }],
  };
}

function evaluationBlocks(run: RunData): Block[] {
  const rows: Cell[][] = [];
  for (const [k, v] of Object.entries(run.report?.final ?? {})) if (k.startsWith('test_')) rows.push([{ text: k }, { text: formatNumber(v), sort: v }, { text: 'end of training' }]);
  const blocks: Block[] = [];
  if (run.evaluation) {
    const ev = readEvaluation(run.evaluation);
    for (const m of ev.metrics) rows.push([{ text: m.name }, { text: formatNumber(m.value), sort: m.value }, { text: 'evaluation.json' }]);
    if (ev.confusion) blocks.push(confusionChart(ev.confusion.matrix, ev.confusion.labels));
  }
  if (rows.length) blocks.unshift({ kind: 'table', id: 'test-metrics', title: 'test metrics', columns: ['metric', 'value', 'from'], rows, sortable: true });
  if (!run.evaluation) blocks.push({ kind: 'note', id: 'no-evaluation', text: 'no evaluation.json in this run: `hyperspec evaluate <run dir>` writes one (test metrics, confusion matrix)' });
  return blocks;
}

function summary(run: RunData, options: RunViewOptions): Block {
  const planned = (run.resolved?.train as { epochs?: number } | undefined)?.epochs;
  const last = run.metrics[run.metrics.length - 1];
  const state = run.failure ? `failed: ${run.failure}` : run.report ? (run.report.stopped ? `finished (${run.report.reason ?? 'stopped early'})` : 'finished') : 'running (or interrupted)';
  const items: { label: string; value: string; href?: string }[] = [
    { label: 'directory', value: run.dir },
    { label: 'state', value: state },
    { label: 'epochs', value: `${run.metrics.length}${planned ? ` of ${planned}` : ''}` },
  ];
  if (run.trial) items.push({ label: 'trial', value: `${run.trial.number} of the study in ${run.trial.studyDir}` });
  if (run.report) items.push({ label: 'parameters', value: run.report.parameters.toLocaleString('en-US') }, { label: 'wall time', value: formatSeconds(run.report.seconds) });
  if (last) for (const [k, v] of Object.entries(last)) if (k !== 'epoch' && k !== 'lr') items.push({ label: k, value: formatNumber(v) });
  if (options.studyHref) items.push({ label: 'study', value: 'the study\'s report', href: options.studyHref });
  return { kind: 'facts', id: 'summary', items };
}

/** The run report: summary, hyperparameters, parameters, learning curves, learning rate, layer norms, evaluation, timing. */
export function runView(run: RunData, options: RunViewOptions = {}): PageView {
  const name = (run.resolved?.name as string | undefined) ?? run.report?.name ?? 'run';
  const sections: Section[] = [
    { id: 'summary', title: 'Summary', blocks: [summary(run, options)] },
    { id: 'hyperparameters', title: 'Hyperparameters', blocks: hyperparameterTables(run) },
    { id: 'parameters', title: 'Parameters', blocks: [parameterTable(run)] },
    { id: 'curves', title: 'Learning curves', blocks: run.metrics.length ? learningCurves(run.metrics) : [{ kind: 'note', id: 'no-metrics', text: 'no epoch has finished yet' }] },
    { id: 'steps', title: 'Learning rate', blocks: run.steps.length ? stepCharts(run.steps) : [{ kind: 'note', id: 'no-steps', text: 'no steps.jsonl in this run' }] },
    { id: 'layers', title: 'Weights and gradients', blocks: run.layers.length ? layerCharts(run.layers) : [{ kind: 'note', id: 'no-layers', text: 'no layers.jsonl in this run' }] },
    { id: 'evaluation', title: 'Test', blocks: evaluationBlocks(run) },
    { id: 'time', title: 'Time', blocks: run.epochSeconds.length ? [epochTimes(run.epochSeconds)] : [{ kind: 'note', id: 'no-time', text: 'no epoch timings in log.jsonl' }] },
  ];
  const seed = run.resolved?.seed;
  return { kind: 'run', title: `Run ${name}`, subtitle: `${run.dir}${seed !== undefined ? ` · seed ${seed}` : ''}`, sections };
}
