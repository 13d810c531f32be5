/** One line of a chart: a value per x (NaN: not measured, the line skips it). */
export interface Series {
  name: string;
  values: number[];
  color: string;
  dashed?: boolean;
}

export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Positive x values, drawn on a log2 axis, one tick each. */
  xs: number[];
  series: Series[];
}

const WIDTH = 760;
const HEIGHT = 380;
const PLOT = { left: 64, right: 264, top: 40, bottom: 56 };

const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A round step giving about five ticks from 0 to max (1, 2 or 5 times a power of ten). */
function tickStep(max: number): number {
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
}

/**
 * A hand-written SVG line chart (no dependency): x on a log2 axis, y linear from 0, a legend on the
 * right. Deterministic text (fixed decimals), so re-rendering committed results gives the same bytes.
 */
export function lineChartSvg(c: LineChart): string {
  const finite = c.series.flatMap((s) => s.values.filter(Number.isFinite));
  const step = tickStep(Math.max(1e-9, ...finite));
  const yMax = Math.max(step, Math.ceil(Math.max(0, ...finite) / step) * step);
  const plotW = WIDTH - PLOT.left - PLOT.right;
  const plotH = HEIGHT - PLOT.top - PLOT.bottom;
  const lx = c.xs.map(Math.log2);
  const [x0, x1] = [Math.min(...lx), Math.max(...lx)];
  const px = (x: number) => PLOT.left + (x1 > x0 ? ((Math.log2(x) - x0) / (x1 - x0)) * plotW : plotW / 2);
  const py = (y: number) => PLOT.top + plotH - (y / yMax) * plotH;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="14">${escape(c.title)}</text>`,
  ];
  for (let y = 0; y <= yMax + step / 2; y += step) {
    const v = py(y).toFixed(1);
    out.push(`<line x1="${PLOT.left}" y1="${v}" x2="${PLOT.left + plotW}" y2="${v}" stroke="#ddd"/>`);
    out.push(`<text x="${PLOT.left - 6}" y="${v}" text-anchor="end" dominant-baseline="middle">${num(Number(y.toPrecision(6)))}</text>`);
  }
  for (const x of c.xs) {
    const v = px(x).toFixed(1);
    out.push(`<line x1="${v}" y1="${PLOT.top}" x2="${v}" y2="${PLOT.top + plotH}" stroke="#eee"/>`);
    out.push(`<text x="${v}" y="${PLOT.top + plotH + 16}" text-anchor="middle">${num(x)}</text>`);
  }
  out.push(`<rect x="${PLOT.left}" y="${PLOT.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#444"/>`);
  out.push(`<text x="${PLOT.left + plotW / 2}" y="${HEIGHT - 14}" text-anchor="middle">${escape(c.xLabel)}</text>`);
  out.push(`<text transform="translate(16 ${PLOT.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escape(c.yLabel)}</text>`);
  c.series.forEach((s, i) => {
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    // A gap in the values (NaN) breaks the line into separate runs.
    const runs: string[][] = [[]];
    c.xs.forEach((x, j) => {
      if (Number.isFinite(s.values[j])) runs[runs.length - 1].push(`${px(x).toFixed(1)},${py(s.values[j]).toFixed(1)}`);
      else if (runs[runs.length - 1].length) runs.push([]);
    });
    for (const r of runs.filter((r) => r.length)) out.push(`<polyline points="${r.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"${dash}/>`);
    c.xs.forEach((x, j) => {
      if (Number.isFinite(s.values[j])) out.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(s.values[j]).toFixed(1)}" r="3" fill="${s.color}"/>`);
    });
    const ly = PLOT.top + 10 + i * 20;
    const lx0 = PLOT.left + plotW + 14;
    out.push(`<line x1="${lx0}" y1="${ly}" x2="${lx0 + 24}" y2="${ly}" stroke="${s.color}" stroke-width="2"${dash}/>`);
    out.push(`<text x="${lx0 + 30}" y="${ly}" dominant-baseline="middle">${escape(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
