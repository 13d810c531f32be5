import type { EChartsOption } from 'echarts';
import { cartesian, line } from '../chart-base.js';
import type { ChartBlock } from '../../page/view.js';
import type { EpochMetrics, LayerLine, StepLine } from './load-run.js';

/** Metric names of the epoch lines without the `val_` prefix, `loss` first; `lr` is drawn per step instead. */
export function metricNames(metrics: readonly EpochMetrics[]): string[] {
  const names = new Set<string>();
  for (const m of metrics) for (const k of Object.keys(m)) if (k !== 'epoch' && k !== 'lr') names.add(k.replace(/^val_/, ''));
  return [...names].sort((a, b) => (a === 'loss' ? -1 : b === 'loss' ? 1 : a.localeCompare(b)));
}

/** One chart per metric: training and validation value per epoch. */
export function learningCurves(metrics: readonly EpochMetrics[]): ChartBlock[] {
  return metricNames(metrics).map((name) => {
    const series = [];
    for (const [label, key] of [['train', name], ['validation', `val_${name}`]] as const) {
      const points = metrics.filter((m) => typeof m[key] === 'number').map((m): [number, number] => [m.epoch, m[key]]);
      if (points.length) series.push(line(label, points));
    }
    return { kind: 'chart', id: `curve-${name}`, title: name, option: cartesian('epoch', name, series, { x: { minInterval: 1 } }) };
  });
}

/** The learning rate the optimizer used at every step, and the batch loss beside it. */
export function stepCharts(steps: readonly StepLine[]): ChartBlock[] {
  const lr: [number, number][] = [];
  const loss: [number, number][] = [];
  for (const s of steps) {
    s.lr.forEach((v, i) => lr.push([s.first_step + i + 1, v]));
    s.loss.forEach((v, i) => loss.push([s.first_step + i + 1, v]));
  }
  const sampled = { sampling: 'lttb', showSymbol: false };
  return [
    { kind: 'chart', id: 'lr', title: 'learning rate per step', option: cartesian('step', 'learning rate', [line('learning rate', lr, { ...sampled, step: 'end' })], { legend: false, x: { minInterval: 1 } }) },
    { kind: 'chart', id: 'batch-loss', title: 'batch loss per step', option: cartesian('step', 'loss', [line('batch loss', loss, sampled)], { legend: false, x: { minInterval: 1 } }) },
  ];
}

/** Per parameter tensor over epochs: the weight norm, and the mean gradient norm (log scale). */
export function layerCharts(layers: readonly LayerLine[]): ChartBlock[] {
  const names = layers[0]?.params.map((p) => p.name) ?? [];
  const series = (field: 'weight_norm' | 'grad_norm') =>
    names.map((name) => line(name, layers.flatMap((l): [number, number][] => {
      const p = l.params.find((q) => q.name === name);
      return p && p[field] > 0 ? [[l.epoch, p[field]]] : [];
    })));
  return [
    { kind: 'chart', id: 'weight-norms', title: 'weight L2 norm per tensor', option: cartesian('epoch', 'L2 norm', series('weight_norm'), { x: { minInterval: 1 } }) },
    { kind: 'chart', id: 'grad-norms', title: 'gradient L2 norm per tensor (mean over the epoch)', option: cartesian('epoch', 'L2 norm', series('grad_norm'), { x: { minInterval: 1 }, y: { type: 'log' } }) },
  ];
}

/** Wall time of each epoch. */
export function epochTimes(epochSeconds: readonly { epoch: number; seconds: number }[]): ChartBlock {
  const option = cartesian('epoch', 'seconds', [{ type: 'bar', name: 'seconds', data: epochSeconds.map((e) => [e.epoch, e.seconds]) }], { legend: false, x: { minInterval: 1 }, y: { scale: false } });
  return { kind: 'chart', id: 'epoch-time', title: 'time per epoch', option };
}

/** A confusion matrix as a heatmap: true class down, predicted class across, counts in the cells. */
export function confusionChart(matrix: readonly (readonly number[])[], labels: readonly string[]): ChartBlock {
  const data: [number, number, number][] = [];
  let max = 0;
  matrix.forEach((row, i) => row.forEach((count, j) => {
    data.push([j, i, count]);
    max = Math.max(max, count);
  }));
  const option: EChartsOption = {
    animation: false,
    tooltip: { position: 'top' },
    grid: { left: 16, right: 24, top: 16, bottom: 64, containLabel: true },
    xAxis: { type: 'category', name: 'predicted', nameLocation: 'middle', nameGap: 28, data: [...labels], splitArea: { show: true } },
    yAxis: { type: 'category', name: 'true', nameLocation: 'middle', nameGap: 56, data: [...labels], inverse: true, splitArea: { show: true } },
    visualMap: { min: 0, max: Math.max(1, max), calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120 },
    series: [{ type: 'heatmap', name: 'count', data, label: { show: true } }],
  };
  return { kind: 'chart', id: 'confusion', title: 'confusion matrix', option, height: Math.max(260, 60 + 34 * labels.length) };
}
