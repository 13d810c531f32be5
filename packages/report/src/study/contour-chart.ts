import type { EChartsOption } from 'echarts';
import type { TrialRecord } from '@hyperspec/core';
import type { ImportanceModel } from '@hyperspec/core/search';
import type { ChartBlock } from '../../page/view.js';
import { formatNumber } from '../format.js';
import { echartsAxis, paramAxis } from './param-axis.js';

/** Cells per continuous axis of the contour grid. */
const GRID = 24;

/** Unit-cube centres of an axis's cells: one per option for a choice, GRID for a range. */
function cellCentres(cells: number): number[] {
  return Array.from({ length: cells }, (_, k) => (k + 0.5) / cells);
}

/**
 * The objective over the two most important parameters: the random forest's joint marginal (the
 * forest averaged over every other parameter, fANOVA's pairwise marginal) drawn as filled bands, with
 * the completed trials on top. The bands sit on hidden category axes whose cells line up with the
 * visible parameter axes, which span exactly the unit cube the forest was fitted on.
 */
export function contourChart(model: ImportanceModel, trials: readonly TrialRecord[], metric: string): ChartBlock | null {
  if (model.ranking.length < 2) return null;
  const [a, b] = model.ranking.slice(0, 2).map((r) => model.params.findIndex((p) => p.name === r.name));
  const [pa, pb] = [model.params[a], model.params[b]];
  const cells = (i: number) => (model.params[i].distribution.type === 'choice' ? (model.params[i].distribution as { values: unknown[] }).values.length : GRID);
  const xs = cellCentres(cells(a));
  const ys = cellCentres(cells(b));
  const surface = model.fanova.marginal2d(a, b, xs, ys);
  const heat: [number, number, number][] = [];
  let lo = Infinity;
  let hi = -Infinity;
  surface.forEach((row, i) => row.forEach((v, j) => {
    const rounded = Number(v.toPrecision(6));
    heat.push([i, j, rounded]);
    lo = Math.min(lo, rounded);
    hi = Math.max(hi, rounded);
  }));
  const [ax, ay] = [paramAxis(pa.distribution), paramAxis(pb.distribution)];
  const done = trials.filter((t) => t.state === 'complete' && typeof t.value === 'number' && pa.name in t.params && pb.name in t.params);
  const hidden = { type: 'category', show: false, boundaryGap: true };
  const option: EChartsOption = {
    animation: false,
    grid: { left: 70, right: 24, top: 16, bottom: 100 },
    tooltip: { trigger: 'item' },
    xAxis: [{ ...hidden, data: xs.map(String) }, echartsAxis(ax, pa.name, { nameGap: 28, position: 'bottom' })],
    yAxis: [{ ...hidden, data: ys.map(String) }, echartsAxis(ay, pb.name, { nameGap: 52, position: 'left' })],
    visualMap: {
      type: 'piecewise',
      seriesIndex: 0,
      min: lo,
      max: hi > lo ? hi : lo + 1e-9,
      splitNumber: 8,
      precision: 4,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      text: [`${metric} (forest marginal)`, ''],
      inRange: { color: ['#313695', '#4575b4', '#74add1', '#abd9e9', '#fee090', '#fdae61', '#f46d43', '#d73027'] },
    },
    series: [
      { type: 'heatmap', name: `predicted ${metric}`, xAxisIndex: 0, yAxisIndex: 0, data: heat, progressive: 0 },
      {
        type: 'scatter',
        name: 'trials',
        xAxisIndex: 1,
        yAxisIndex: 1,
        symbolSize: 9,
        itemStyle: { color: '#111', borderColor: '#fff', borderWidth: 1 },
        data: done.map((t) => ({ value: [ax.value(t.params[pa.name]), ay.value(t.params[pb.name])], name: `trial ${t.number}: ${formatNumber(t.value!)}` })),
      },
    ],
  } as EChartsOption;
  return { kind: 'chart', id: 'contour', title: `contour: ${pa.name} × ${pb.name}`, option, height: 420, wide: true };
}
