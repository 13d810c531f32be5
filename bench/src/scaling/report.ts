import { fastestPytorchRow } from '../engine/pytorch-best.js';
import { fmt } from '../engine/report-format.js';
import type { Summary } from '../engine/stats.js';
import { isPytorch } from '../engine/systems/pytorch-configs.js';
import type { PointResult, ScalingResults } from './run-scaling-bench.js';
import { mlpSizes } from './sweeps.js';
import { lineChartSvg, type Series } from './svg-chart.js';

/** The charts, as paths from the repository root (docs/benchmarks.md links them relative to docs/). */
export const SCALING_CHARTS = { batch: 'docs/images/scaling-batch.svg', width: 'docs/images/scaling-width.svg' } as const;

const COLORS = ['#1f77b4', '#d62728', '#ff7f0e', '#2ca02c'];
const HYPERSPEC = 'hyperspec-wasm';

const cell = (s: Summary | undefined) => (s && s.runs ? `${fmt(s.median)} [${fmt(s.min)}–${fmt(s.max)}]` : '–');
const loads = (l: number[]) => l.map((v) => v.toFixed(2)).join(' / ');

/** Sustained GFLOP/s of a point's median epoch on one system (NaN when it was not measured). */
function gflops(r: ScalingResults, p: PointResult, system: string): number {
  const s = p.systems[system];
  return s && !s.failed && s.seconds.runs ? (p.flopsPerSample * r.samplesPerEpoch) / s.seconds.median / 1e9 : NaN;
}

function table(r: ScalingResults, points: PointResult[], label: string, key: (p: PointResult) => string): string[] {
  const lines = [
    `| ${label} | timed steps (after warm-up) | ${HYPERSPEC} s / epoch, median [min–max] | PyTorch best s / epoch, median [min–max] | PyTorch best is | ${HYPERSPEC} ÷ PyTorch best (time) | ${HYPERSPEC} GFLOP/s | PyTorch best GFLOP/s |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const p of points) {
    const best = fastestPytorchRow(p.systems);
    const h = p.systems[HYPERSPEC];
    const ratio = best && h?.seconds.runs ? fmt(h.seconds.median / p.systems[best].seconds.median) : '–';
    lines.push(`| ${key(p)} | ${p.steps} (${p.warmup}) | ${h?.failed ? `failed: ${h.failed}` : cell(h?.seconds)} | ${best ? cell(p.systems[best].seconds) : '–'} | ${best ?? '–'} | ${ratio} | ${fmt(gflops(r, p, HYPERSPEC), 1)} | ${best ? fmt(gflops(r, p, best), 1) : '–'} |`);
  }
  return lines;
}

function series(r: ScalingResults, points: PointResult[]): Series[] {
  return r.systems.map((s, i) => ({
    name: `${s.name} (${s.threads} thread${s.threads === '1' ? '' : 's'})`,
    values: points.map((p) => gflops(r, p, s.name)),
    color: COLORS[i % COLORS.length],
    dashed: isPytorch(s.name),
  }));
}

/** The two charts (GFLOP/s against batch size and against width), by path from the repository root. */
export function scalingCharts(r: ScalingResults): Map<string, string> {
  const b = r.batchSweep;
  const w = r.widthSweep;
  return new Map([
    [SCALING_CHARTS.batch, lineChartSvg({
      title: `MLP ${mlpSizes(b.hidden).join('-')} training: GFLOP/s vs batch size`,
      xLabel: 'batch size (log scale)',
      yLabel: 'GFLOP/s (forward + backward)',
      xs: b.points.map((p) => p.batch),
      series: series(r, b.points),
    })],
    [SCALING_CHARTS.width, lineChartSvg({
      title: `MLP 784-H-H/2-10 training, batch ${w.batch}: GFLOP/s vs width H`,
      xLabel: 'hidden units H in the first layer (log scale)',
      yLabel: 'GFLOP/s (forward + backward)',
      xs: w.points.map((p) => p.hidden),
      series: series(r, w.points),
    })],
  ]);
}

/** The scaling section of docs/benchmarks.md, from one invocation's results. */
export function scalingMarkdown(r: ScalingResults): string {
  const m = r.machine;
  const args = (r.argv ?? []).filter((a) => a !== '--');
  const threads = r.systems.find((s) => s.name === HYPERSPEC)?.threads ?? '–';
  const out = ['## How cost grows: batch size and width (MLP training)', ''];
  out.push(`Command: \`node bench/dist/scaling/run.js${args.length ? ` ${args.join(' ')}` : ''}\` (\`pnpm bench:scaling\`) — ${r.date.slice(0, 16).replace('T', ' ')} UTC, ${r.runs} runs; in each run every system times all points in one fresh process (Node for hyperspec, Python for PyTorch), the systems take turns and the order rotates each run. Machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}; load average ${m.loadAverage} (1 min) at the start and ${r.loadAverageEnd ? loads(r.loadAverageEnd) : '–'} (1 / 5 / 15 min) at the end: other jobs shared these cores.`, '');
  out.push(`Workload: the MLP family 784-H-H/2-10 (ReLU, softmax cross-entropy, Adam ${r.lr}, Glorot-uniform weights, seed ${r.seed}; H = 256 is the W-MLP above), batches drawn through a fixed permutation of the first ${r.trainImages.toLocaleString('en')} MNIST training images. Each point trains a fresh model: untimed warm-up steps at that shape, then a fixed number of timed steps (about 24 GFLOP of work, at least 16 steps). **s / epoch** is the timed steps' seconds scaled to ${r.samplesPerEpoch.toLocaleString('en')} samples (one MNIST epoch); **GFLOP/s** counts the matrix products of forward and backward: per layer 2·in·out for the forward product, the same for the weight gradient, and the same again for the input gradient except in the first layer (the image needs none) — 3× the forward FLOPs, 2× in the first layer; bias, ReLU, softmax and Adam are not counted. ${HYPERSPEC} is the engine path (core ops and BenchAdam, as in the W-MLP rows) with backend-wasm's default threads (${threads}, every core). PyTorch ${'python' in r.torch ? r.torch.version : ''} runs in ${r.systems.filter((s) => isPytorch(s.name)).map((s) => `\`${s.name}\``).join(' and ') || 'no configuration'} (1 thread; 2 threads with \`OMP_WAIT_POLICY=PASSIVE\`), and every row compares with the faster of them at that point.${r.skipped.length ? ` Skipped: ${r.skipped.join('; ')}.` : ''}`, '');
  out.push(`### Batch size (${mlpSizes(r.batchSweep.hidden).join('-')})`, '');
  out.push(`![GFLOP/s against batch size, one line per system](${SCALING_CHARTS.batch.replace(/^docs\//, '')})`, '');
  out.push(...table(r, r.batchSweep.points, 'batch', (p) => String(p.batch)), '');
  out.push(`### Width (784-H-H/2-10, batch ${r.widthSweep.batch})`, '');
  out.push(`![GFLOP/s against width, one line per system](${SCALING_CHARTS.width.replace(/^docs\//, '')})`, '');
  out.push(...table(r, r.widthSweep.points, 'H', (p) => `${p.hidden} (${(p.flopsPerSample / 1e6).toFixed(1)} MFLOP / sample)`), '');
  return out.join('\n').trimEnd();
}
