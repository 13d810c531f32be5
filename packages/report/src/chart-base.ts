import type { EChartsOption } from 'echarts';

/** Axis settings shared by every chart: names centred under/beside the axis, labels kept inside the box. */
export function axis(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'value', name, nameLocation: 'middle', nameGap: 30, scale: true, ...extra };
}

/** A cartesian chart with a legend on top and an axis tooltip. */
export function cartesian(xName: string, yName: string, series: unknown[], extra: { x?: Record<string, unknown>; y?: Record<string, unknown>; legend?: boolean } = {}): EChartsOption {
  return {
    animation: false,
    grid: { left: 16, right: 24, top: extra.legend === false ? 36 : 60, bottom: 36, containLabel: true },
    legend: extra.legend === false ? undefined : { top: 0, type: 'scroll' },
    tooltip: { trigger: 'axis' },
    xAxis: axis(xName, { nameGap: 26, ...extra.x }),
    // The y axis's name goes above it (left-aligned), where no tick label can push it out of the box.
    yAxis: axis(yName, { nameLocation: 'end', nameGap: 12, nameTextStyle: { align: 'left' }, ...extra.y }),
    series,
  } as EChartsOption;
}

/** A line series of (x, y) pairs. */
export function line(name: string, points: [number, number][], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'line', name, data: points, showSymbol: points.length <= 40, symbolSize: 5, ...extra };
}
