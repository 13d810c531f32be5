import type { EChartsOption } from 'echarts';
import type { Direction, SearchSpace, TrialRecord } from '@hyperspec/core';
import { flattenSpace, type ParamImportance } from '@hyperspec/core/search';
import type { ChartBlock } from '../../page/view.js';
import { cartesian, line } from '../chart-base.js';
import { echartsAxis, paramAxis } from './param-axis.js';

const finished = (t: TrialRecord): boolean => t.state === 'complete' && typeof t.value === 'number' && Number.isFinite(t.value);

/** Each completed trial's value, pruned trials' last values, and the best value so far. */
export function historyChart(trials: readonly TrialRecord[], metric: string, direction: Direction): ChartBlock {
  const better = (a: number, b: number) => (direction === 'minimize' ? a < b : a > b);
  const done = trials.filter(finished);
  let best: number | undefined;
  const bestSoFar: [number, number][] = [];
  for (const t of [...done].sort((a, b) => a.number - b.number)) {
    if (best === undefined || better(t.value!, best)) best = t.value!;
    bestSoFar.push([t.number, best]);
  }
  const pruned = trials.filter((t) => t.state === 'pruned' && typeof t.value === 'number' && Number.isFinite(t.value));
  const series = [
    { type: 'scatter', name: 'trial value', data: done.map((t) => [t.number, t.value]), symbolSize: 8 },
    line('best so far', bestSoFar, { step: 'end', showSymbol: false }),
  ];
  if (pruned.length) series.push({ type: 'scatter', name: 'pruned (last value)', data: pruned.map((t) => [t.number, t.value]), symbol: 'triangle', symbolSize: 8, itemStyle: { opacity: 0.5 } });
  return { kind: 'chart', id: 'history', title: 'optimization history', option: cartesian('trial', metric, series, { x: { minInterval: 1 } }), wide: true };
}

/** Parameter importance as horizontal bars, most important on top. */
export function importanceChart(ranking: readonly ParamImportance[]): ChartBlock {
  const shown = [...ranking].reverse();
  const option: EChartsOption = {
    animation: false,
    grid: { left: 16, right: 32, top: 16, bottom: 36, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: 'importance (share of the objective\'s variance)', nameLocation: 'middle', nameGap: 26, max: 1 },
    yAxis: { type: 'category', name: 'parameter', data: shown.map((r) => r.name) },
    series: [{ type: 'bar', name: 'importance', data: shown.map((r) => Number(r.importance.toFixed(4))), label: { show: true, position: 'right' } }],
  };
  return { kind: 'chart', id: 'importance', title: 'hyperparameter importance (fANOVA)', option, height: Math.max(200, 70 + 36 * ranking.length) };
}

/** One polyline per completed trial through its parameters and its objective, coloured by the objective. */
export function parallelChart(space: SearchSpace, trials: readonly TrialRecord[], metric: string, direction: Direction): ChartBlock | null {
  const done = trials.filter(finished);
  const params = flattenSpace(space).filter((def) => done.length > 0 && done.every((t) => def.name in t.params));
  if (params.length === 0) return null;
  const axes = params.map((def) => paramAxis(def.distribution));
  const values = done.map((t) => t.value!);
  const option: EChartsOption = {
    animation: false,
    parallel: { left: 110, right: 110, top: 48, bottom: 30 },
    parallelAxis: [
      ...params.map((def, i) => ({ dim: i, ...echartsAxis(axes[i], def.name, { nameLocation: 'end', nameGap: 12 }) })),
      { dim: params.length, type: 'value', name: metric, nameLocation: 'end', nameGap: 12, scale: true, inverse: direction === 'maximize' },
    ] as EChartsOption['parallelAxis'],
    visualMap: { type: 'continuous', dimension: params.length, min: Math.min(...values), max: Math.max(...values), inverse: direction === 'minimize', right: 0, top: 'middle', itemHeight: 120, text: [metric, ''], calculable: true },
    series: [{ type: 'parallel', name: 'trials', lineStyle: { width: 2, opacity: 0.6 }, data: done.map((t) => [...params.map((def, i) => axes[i].value(t.params[def.name])), t.value!]) }],
  } as EChartsOption;
  return { kind: 'chart', id: 'parallel', title: 'parallel coordinates (completed trials)', option, height: 360, wide: true };
}

/** One scatter per parameter: the objective of every completed trial against that parameter's value. */
export function sliceCharts(space: SearchSpace, trials: readonly TrialRecord[], metric: string): ChartBlock[] {
  const done = trials.filter(finished);
  return flattenSpace(space).flatMap((def): ChartBlock[] => {
    const having = done.filter((t) => def.name in t.params);
    if (having.length === 0) return [];
    const axis = paramAxis(def.distribution);
    const series = [{ type: 'scatter', name: 'trial', data: having.map((t) => [axis.value(t.params[def.name]), t.value!, t.number]), symbolSize: 8 }];
    const option = cartesian(def.name, metric, series, { legend: false, x: echartsAxis(axis, def.name, { nameGap: 26 }) });
    (option as { tooltip: unknown }).tooltip = { trigger: 'item' };
    return [{ kind: 'chart', id: `slice-${def.name}`, title: `slice: ${def.name}`, option, height: 260 }];
  });
}

/** The objective reported after each epoch, one line per trial; pruned trials dashed, ending in a triangle. */
export function intermediateChart(trials: readonly TrialRecord[], metric: string): ChartBlock {
  const series = trials
    .filter((t) => Object.keys(t.intermediate).length > 0)
    .map((t) => {
      const points = Object.entries(t.intermediate).map(([s, v]) => [Number(s), v] as [number, number]).sort((a, b) => a[0] - b[0]);
      const pruned = t.state === 'pruned';
      const data: unknown[] = points.map((p, i) => (pruned && i === points.length - 1 ? { value: p, symbol: 'triangle', symbolSize: 11 } : p));
      return {
        type: 'line',
        name: `trial ${t.number}${pruned ? ' (pruned)' : t.state === 'complete' ? '' : ` (${t.state})`}`,
        data,
        showSymbol: pruned,
        symbol: 'none',
        lineStyle: pruned ? { type: 'dashed', width: 1.5 } : { width: 1.5 },
      };
    });
  const option = cartesian('epoch', metric, series, { x: { minInterval: 1 } });
  return { kind: 'chart', id: 'intermediate', title: 'intermediate values per trial (pruned: dashed, ▲ where stopped)', option, height: 360, wide: true };
}

/**
 * A study with several objectives: every completed trial on the first two objectives, the Pareto front
 * (the leaderboard's rank 1) drawn apart and joined in order of the first objective.
 */
export function paretoChart(trials: readonly TrialRecord[], objectives: readonly { metric: string }[], front: ReadonlySet<number>): ChartBlock {
  const done = trials.filter((t) => t.state === 'complete' && t.values && t.values.length >= 2);
  const point = (t: TrialRecord): [number, number] => [t.values![0], t.values![1]];
  const members = done.filter((t) => front.has(t.number)).map(point).sort((a, b) => a[0] - b[0]);
  const series = [
    { type: 'scatter', name: 'trial', data: done.filter((t) => !front.has(t.number)).map(point), symbolSize: 7, itemStyle: { opacity: 0.55 } },
    { type: 'line', name: 'Pareto front', data: members, step: false, symbol: 'diamond', symbolSize: 10, showSymbol: true },
  ];
  const option = cartesian(objectives[0].metric, objectives[1].metric, series, { x: { scale: true }, y: { scale: true } });
  return { kind: 'chart', id: 'pareto', title: `Pareto front: ${objectives[0].metric} against ${objectives[1].metric}`, option, wide: true };
}
