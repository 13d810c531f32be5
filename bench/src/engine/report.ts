import { fastestPytorchColumn, fastestPytorchRow } from './pytorch-best.js';
import { comparableSeconds, type EngineResults, type TrainSummary } from './run-engine-bench.js';
import type { Summary } from './stats.js';
import { engineLimits } from './report-limits.js';
import { engineBars } from './report-bars.js';
import { CNN_FLOPS_PER_SAMPLE, fmt, MLP_FLOPS_PER_SAMPLE } from './report-format.js';
import { specFor } from './systems/hyperspec-train-system.js';
import { workloads } from './workloads.js';

const cell = (s: Summary | undefined, digits = 2) => (s && s.runs ? `${fmt(s.median, digits)} [${fmt(s.min, digits)}–${fmt(s.max, digits)}]` : '–');
const loads = (l: number[]) => l.map((v) => v.toFixed(2)).join(' / ');
const repoPath = (file: string) => file.slice(file.lastIndexOf('bench/specs/'));

function trainTable(r: EngineResults, rows: Record<string, TrainSummary>, flopsPerSample: number, images: number): string[] {
  const best = fastestPytorchRow(rows);
  const base = best ? comparableSeconds(rows[best]).median : NaN;
  const lines = [
    `| system | threads | seconds / epoch, median [min–max] | test accuracy (median) | GFLOP/s | time ÷ PyTorch best${best ? ` (${best})` : ''} | peak resident memory, MiB (median) |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { name, threads } of r.systems) {
    const s = rows[name];
    if (!s) continue;
    if (s.failed) {
      lines.push(`| ${name} | ${threads} | cannot run: ${s.failed} | – | – | – | – |`);
      continue;
    }
    const seconds = comparableSeconds(s);
    const gflops = (flopsPerSample * images) / seconds.median / 1e9;
    let time = s.extrapolatedFrom
      ? `≈ ${fmt(s.seconds.median, 0)} (extrapolated from ${s.extrapolatedFrom.steps} of ${s.extrapolatedFrom.of} steps: over the time budget)`
      : cell(seconds);
    if (s.firstEpoch) time += ` — epoch 1 of each run, warm-up included like every row; epochs 2–${s.epochs}: ${cell(s.seconds)}`;
    let accuracy = Number.isFinite(s.accuracy.median) ? `${fmt(s.accuracy.median * 100)} %` : '–';
    if (s.epochs && Number.isFinite(s.accuracy.median)) accuracy += ` (after ${s.epochs} epochs)`;
    const label = name === best ? `**${name}**` : name;
    const peak = s.peakRssMb?.runs ? fmt(s.peakRssMb.median, 0) : '–';
    lines.push(`| ${label} | ${threads} | ${time} | ${accuracy} | ${fmt(gflops, 1)} | ${fmt(seconds.median / base)} | ${peak} |`);
  }
  return lines;
}

function sgemmTables(r: EngineResults): string[] {
  const names = r.systems.map((s) => s.name).filter((n) => Object.values(r.sgemm).some((row) => row[n]));
  const out = ['### sgemm: C = A·B, float32, n×n (GFLOP/s = 2n³ / time, median [min–max] over the runs of the best of several repetitions)', ''];
  out.push(`| n | ${names.join(' | ')} |`, `| --- | ${names.map(() => '---').join(' | ')} |`);
  for (const [n, row] of Object.entries(r.sgemm)) out.push(`| ${n} | ${names.map((s) => cell(row[s], 1)).join(' | ')} |`);
  const d = r.defaultSystem;
  const peers = names.filter((s) => s !== d);
  out.push('', `Speed of ${d} ÷ speed of each peer (PyTorch best: the fastest PyTorch configuration at that size):`, '');
  out.push(`| n | ${peers.join(' | ')} | PyTorch best |`, `| --- | ${peers.map(() => '---').join(' | ')} | --- |`);
  for (const [n, row] of Object.entries(r.sgemm)) {
    const base = row[d]?.median ?? NaN;
    const best = fastestPytorchColumn(row);
    out.push(`| ${n} | ${peers.map((s) => fmt(base / (row[s]?.median ?? NaN))).join(' | ')} | ${best ? `${fmt(base / row[best].median)} (${best})` : '–'} |`);
  }
  out.push('');
  return out;
}

function systemsParagraph(r: EngineResults): string {
  const t = r.torch;
  const torch = 'python' in t
    ? `PyTorch ${t.version} (${t.python}) in three configurations, each its own row: \`pytorch-1t\` (1 thread), \`pytorch-2t-passive\` (2 threads, \`OMP_WAIT_POLICY=PASSIVE\` in the child's environment before torch loads) and \`pytorch-2t\` (2 threads, OpenMP's default wait policy); OPENBLAS_NUM_THREADS is set to the same thread count. Its probe: BLAS_INFO=${t.blas}, CPU capability usage ${t.cpuCapability ?? 'unknown'}, BLAS libraries mapped after a product: ${t.blasLibraries?.length ? t.blasLibraries.map((l) => `\`${l}\``).join(', ') : 'none found'}${t.openblas ? `; OpenBLAS reports \`${t.openblas.config}\`, kernels for core ${t.openblas.core}` : ''}.`
    : `PyTorch: skipped — ${t.skipped}.`;
  const tf = r.tfjs
    ? `TensorFlow.js ${r.tfjs.version} (backends ${r.tfjs.backends.join(', ')}; in this Node tfjs-backend-wasm reports SIMD ${r.tfjs.wasmSimd ? 'available' : 'unavailable'} and multithreading ${r.tfjs.wasmThreads ? 'available' : 'unavailable'}, so it runs its ${r.tfjs.wasmSimd ? 'SIMD' : 'plain'} build on ${r.tfjs.wasmThreads ? 'several threads' : 'one thread'}). tfjs-node (TensorFlow's native library) is not measured: its install step downloads a prebuilt native library, which this machine cannot fetch (only package registries are reachable).`
    : '';
  return `Systems: ${r.systems.map((s) => `${s.name} (${parseInt(s.threads, 10)} thread${parseInt(s.threads, 10) === 1 ? '' : 's'})`).join(', ')}. \`hyperspec-train\` is the user's path: \`hyperspec train\` on ${['mlp', 'cnn'].map((k) => `\`${repoPath(specFor(k as 'mlp' | 'cnn'))}\``).join(' and ')} (the same networks, initialisation, optimizer, batch size and images, no validation split) through the built CLI, default backend; its time per epoch is read from the run's log.jsonl, where the trainer logs each epoch's wall time. ${tf} ${torch}${r.skipped.length ? ` Skipped: ${r.skipped.join('; ')}.` : ''}`;
}

/** The engine section of docs/benchmarks.md, from one invocation's results. */
export function engineMarkdown(r: EngineResults): string {
  const m = r.machine;
  const w = workloads(r.smoke);
  const args = (r.argv ?? []).filter((a) => a !== '--');
  const out: string[] = ['## Engine: hyperspec backends side by side with TensorFlow.js and PyTorch', ''];
  out.push(`Command: \`node bench/dist/engine/run.js${args.length ? ` ${args.join(' ')}` : ''}\` — ${r.date.slice(0, 16).replace('T', ' ')} UTC, ${r.runs} runs per workload; inside every run the systems take turns (the order rotates each run), so slow drifts of the shared machine hit all of them alike. ${r.isolated ? 'Every measurement runs in a fresh process (Node for the JavaScript systems, Python for PyTorch)' : 'The JavaScript systems share one process (--in-process); PyTorch runs in its own'}; data loading is not timed. A training run that exceeds the time budget stops, and its epoch time is extrapolated from the steps done (then it is run once).`, '');
  out.push(`Machine: ${m.cpu}, ${m.cores} cores (CPU flags: ${m.flags}), ${m.memoryGb} GiB, Node ${m.node}; load average ${m.loadAverage} (1 min) at the start${r.loadAverageEnd ? ` and ${loads(r.loadAverageEnd)} (1 / 5 / 15 min) at the end` : ''}.`, '');
  out.push(systemsParagraph(r), '');
  out.push('Peak resident memory is the whole measuring process\'s (the kernel\'s maxrss: runtime, the loaded images and the training), as a user\'s process would need it; for `hyperspec-train` it is the `hyperspec train` process, which also evaluates and writes its run directory.', '');
  if (Object.keys(r.sgemm).length) out.push(...sgemmTables(r));
  if (Object.keys(r.mlp).length) {
    out.push(`### W-MLP: MNIST 784-256-128-10, ReLU, softmax cross-entropy, Adam 1e-3, batch 64, one epoch over ${w.mlp.trainImages.toLocaleString('en')} images`, '');
    out.push(...trainTable(r, r.mlp, MLP_FLOPS_PER_SAMPLE, w.mlp.trainImages), '');
  }
  if (Object.keys(r.cnn).length) {
    out.push(`### W-CNN: conv 3×3×32 ReLU, maxpool 2, conv 3×3×64 ReLU, maxpool 2, dense 128 ReLU, dense 10; Adam 1e-3, batch 64, one epoch over the first ${w.cnn.trainImages.toLocaleString('en')} images`, '');
    out.push(...trainTable(r, r.cnn, CNN_FLOPS_PER_SAMPLE, w.cnn.trainImages), '');
  }
  if (Object.keys(r.alloc).length) {
    out.push('### Allocation counters (W-MLP training steps after 50 warm-up steps)', '');
    out.push('| backend | steps | new buffers (`stats().created`) | V8 heap change after GC |', '| --- | --- | --- | --- |');
    for (const [name, a] of Object.entries(r.alloc)) out.push(`| ${name} | ${a.steps} | ${a.buffersCreated} | ${a.heapDeltaKb} KiB |`);
    out.push('');
  }
  out.push('### What limits each workload', '', ...engineLimits(r), '');
  out.push('### Bars set by the issues', '', ...engineBars(r), '');
  return out.join('\n').trimEnd();
}
