import type { EngineResults, TrainSummary } from './run-engine-bench.js';
import type { Summary } from './stats.js';

/** Multiply–adds ×2 per training sample (forward + backward; no input gradient for the first layer). */
const MLP_FLOPS_PER_SAMPLE = 2 * (784 * 256 + 256 * 128 + 128 * 10) * 2 + 2 * (256 * 128 + 128 * 10);
const CNN_FORWARD = { conv1: 26 * 26 * 32 * 9 * 2, conv2: 11 * 11 * 64 * 288 * 2, fc1: 1600 * 128 * 2, fc2: 128 * 10 * 2 };
const CNN_FLOPS_PER_SAMPLE = CNN_FORWARD.conv1 * 2 + (CNN_FORWARD.conv2 + CNN_FORWARD.fc1 + CNN_FORWARD.fc2) * 3;
/** AVX-512 FMA peak of the 2 cores this project's machines have (2 × 32 FLOP/cycle × ~3.6 GHz). */
const FMA_PEAK_GFLOPS = 229;

const fmt = (v: number, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : '–');
const cell = (s: Summary | undefined, digits = 2) => (s ? `${fmt(s.median, digits)} [${fmt(s.min, digits)}–${fmt(s.max, digits)}]` : '–');

function bar(label: string, ok: boolean | null, detail: string): string {
  return `- ${label}: ${detail} — **${ok === null ? 'not measured' : ok ? 'met' : 'not met'}**`;
}

function trainTable(r: EngineResults, rows: Record<string, TrainSummary>, flopsPerSample: number, images: number): string[] {
  const base = rows[r.defaultSystem]?.seconds.median;
  const lines = [
    `| system | threads | seconds / epoch, median [min–max] | test accuracy (median) | GFLOP/s | time ÷ ${r.defaultSystem} |`,
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const { name, threads } of r.systems) {
    const s = rows[name];
    if (!s) continue;
    if (s.failed) {
      lines.push(`| ${name} | ${threads} | cannot run: ${s.failed} | – | – | – |`);
      continue;
    }
    const gflops = (flopsPerSample * images) / s.seconds.median / 1e9;
    const time = s.extrapolatedFrom
      ? `≈ ${fmt(s.seconds.median, 0)} (extrapolated from ${s.extrapolatedFrom.steps} of ${s.extrapolatedFrom.of} steps: over the time budget)`
      : cell(s.seconds);
    const accuracy = Number.isFinite(s.accuracy.median) ? `${fmt(s.accuracy.median * 100)} %` : '–';
    lines.push(`| ${name} | ${threads} | ${time} | ${accuracy} | ${fmt(gflops, 1)} | ${fmt(s.seconds.median / base)} |`);
  }
  return lines;
}

/** The engine section of docs/benchmarks.md, from one invocation's results. */
export function engineMarkdown(r: EngineResults, command: string, images: { mlp: number; cnn: number }): string {
  const m = r.machine;
  const names = r.systems.map((s) => s.name);
  const out: string[] = [];
  out.push('## Engine: hyperspec backends side by side with TensorFlow.js and PyTorch', '');
  out.push(`Command: \`${command}\` — ${r.date.slice(0, 16).replace('T', ' ')} UTC, ${r.runs} runs per workload; inside every run the systems take turns (the order rotates each run), so slow drifts of the shared machine hit all of them alike. ${r.isolated ? 'Every measurement runs in a fresh process (Node for the JavaScript systems, Python for PyTorch)' : 'The JavaScript systems share one process (--in-process); PyTorch runs in its own'}; data loading is not timed. A training run that exceeds the time budget stops, and its epoch time is extrapolated from the steps done (then it is run once).`, '');
  out.push(`Machine: ${m.cpu}, ${m.cores} cores (${m.flags}), ${m.memoryGb} GiB, Node ${m.node}; load average ${m.loadAverage} at the start (other jobs share these cores, so expect noise of ±20 %). FMA peak for context: ~${FMA_PEAK_GFLOPS} GFLOP/s on 2 cores (AVX-512, float32); WebAssembly SIMD is 128-bit without FMA, so half of that is its ceiling (see below).`, '');
  if (r.note) out.push(`Conditions: ${r.note}`, '');
  const torch = 'python' in r.torch ? `PyTorch ${r.torch.version} (${r.torch.python}, BLAS: ${r.torch.blas}), 2 threads` : `PyTorch: skipped — ${r.torch.skipped}`;
  out.push(`Systems: ${r.systems.map((s) => `${s.name} (${s.threads} thread${s.threads === '1' ? '' : 's'})`).join(', ')}. TensorFlow.js is 4.22.0 (tfjs-backend-wasm runs its SIMD build single-threaded in Node). ${torch}.${r.skipped.length ? ` Skipped: ${r.skipped.join('; ')}.` : ''}`, '');

  if (Object.keys(r.sgemm).length) {
    out.push('### sgemm: C = A·B, float32, n×n (GFLOP/s = 2n³ / time, median [min–max] of the best of several repetitions)', '');
    out.push(`| n | ${names.join(' | ')} |`, `| --- | ${names.map(() => '---').join(' | ')} |`);
    for (const [n, row] of Object.entries(r.sgemm)) out.push(`| ${n} | ${names.map((s) => cell(row[s], 1)).join(' | ')} |`);
    out.push('');
    const ratioRows = Object.entries(r.sgemm).map(([n, row]) => {
      const base = row[r.defaultSystem]?.median;
      return `| ${n} | ${names.filter((s) => s !== r.defaultSystem).map((s) => fmt(base / (row[s]?.median ?? NaN))).join(' | ')} |`;
    });
    const peers = names.filter((s) => s !== r.defaultSystem);
    out.push(`Speed of ${r.defaultSystem} ÷ speed of each peer:`, '', `| n | ${peers.join(' | ')} |`, `| --- | ${peers.map(() => '---').join(' | ')} |`, ...ratioRows, '');
  }
  if (Object.keys(r.mlp).length) {
    out.push(`### W-MLP: MNIST 784-256-128-10, ReLU, softmax cross-entropy, Adam 1e-3, batch 64, one epoch over ${images.mlp.toLocaleString('en')} images`, '');
    out.push(...trainTable(r, r.mlp, MLP_FLOPS_PER_SAMPLE, images.mlp), '');
  }
  if (Object.keys(r.cnn).length) {
    out.push(`### W-CNN: conv 3×3×32 ReLU, maxpool 2, conv 3×3×64 ReLU, maxpool 2, dense 128 ReLU, dense 10; Adam 1e-3, batch 64, one epoch over the first ${images.cnn.toLocaleString('en')} images`, '');
    out.push(...trainTable(r, r.cnn, CNN_FLOPS_PER_SAMPLE, images.cnn), '');
  }
  if (Object.keys(r.alloc).length) {
    out.push('### Allocation counters (W-MLP training steps after 50 warm-up steps)', '');
    out.push('| backend | steps | new buffers (`stats().created`) | V8 heap change after GC |', '| --- | --- | --- | --- |');
    for (const [name, a] of Object.entries(r.alloc)) out.push(`| ${name} | ${a.steps} | ${a.buffersCreated} | ${a.heapDeltaKb} KiB |`);
    out.push('');
  }
  out.push('### What limits each workload', '', ...limits(r, images), '');
  out.push('### Bars set by the issue', '', ...bars(r), '');
  return out.join('\n');
}

function limits(r: EngineResults, images: { mlp: number; cnn: number }): string[] {
  const d = r.defaultSystem;
  const s512 = r.sgemm['512']?.[d]?.median ?? NaN;
  const mlp = r.mlp[d]?.seconds.median ?? NaN;
  const cnn = r.cnn[d]?.seconds.median ?? NaN;
  const mlpRate = (MLP_FLOPS_PER_SAMPLE * images.mlp) / mlp / 1e9;
  const cnnRate = (CNN_FLOPS_PER_SAMPLE * images.cnn) / cnn / 1e9;
  return [
    `- **sgemm** is compute-bound. ${d} runs at ${fmt(s512, 1)} GFLOP/s at n=512, ${fmt((100 * s512) / FMA_PEAK_GFLOPS, 0)} % of the FMA peak: WebAssembly SIMD is 128 bits wide and has no fused multiply-add in Node 20 (relaxed SIMD is behind a flag), so every multiply–add is two 4-lane instructions; with two multiplies and two adds issued per cycle per core that is at most half the FMA peak, and the 4×8 register block of the micro-kernel (16 vector registers in V8's x64 code) reaches about 70 % of that on one thread. PyTorch calls an AVX-512 BLAS. The scalar TypeScript backend is bounded by one double-precision multiply–add per instruction on one thread; tfjs-backend-cpu additionally pays per-element index arithmetic.`,
    `- **W-MLP** (${fmt((MLP_FLOPS_PER_SAMPLE * images.mlp) / 1e9, 1)} GFLOP per epoch) is matmul-bound with small operands: batch 64 makes every product 64 rows tall, so packing, the two-thread hand-off (a few µs per kernel) and per-op overhead (tensor objects, tape closures, JavaScript loops in core's ops) weigh more than in sgemm; ${d} sustains ${fmt(mlpRate, 1)} GFLOP/s over the epoch. Each dense layer's bias and ReLU are applied as its product is stored (one pass over the output), and the Adam update is one fused SIMD kernel over each flat parameter array.`,
    `- **W-CNN** (${fmt((CNN_FLOPS_PER_SAMPLE * images.cnn) / 1e9, 1)} GFLOP per epoch) is im2col + matmul; ${d} sustains ${fmt(cnnRate, 1)} GFLOP/s. Besides the products, it moves memory: im2col/col2im write and read 9× the input (as contiguous runs: the patch matrix is channels-first, [C·kh·kw, N·positions]), and core's conv2d moves each output between [O, N, positions] and NCHW by whole rows; ReLU, pooling and their gradients are passes over memory (split across the two threads). The 1-channel first layer is a product with k = 9 (and its weight gradient one with n = 9), which no blocking makes efficient. tfjs-backend-wasm 4.22.0 has no Conv2DBackpropFilter kernel, so it cannot train this network; tfjs-backend-cpu's convolution gradients work element by element (minutes per batch).`,
  ];
}

function bars(r: EngineResults): string[] {
  const d = r.defaultSystem;
  const med = (rows: Record<string, TrainSummary>, s: string) => rows[s]?.seconds.median;
  const acc = (rows: Record<string, TrainSummary>, s: string) => rows[s]?.accuracy.median;
  const lines: string[] = [];
  // The bar compares medians; the ratio of the fastest runs shows how much the spread could move it.
  const fastest = (rows: Record<string, TrainSummary>) => rows[d]?.seconds.min / rows.pytorch?.seconds.min;
  const mlpTorch = med(r.mlp, d) / med(r.mlp, 'pytorch');
  lines.push(bar(`W-MLP ${d} ≤ 1.5× PyTorch's time`, Number.isFinite(mlpTorch) ? mlpTorch <= 1.5 : null, `${fmt(mlpTorch)}× (medians; fastest runs: ${fmt(fastest(r.mlp))}×)`));
  const mlpTfw = med(r.mlp, 'tfjs-wasm') / med(r.mlp, d);
  lines.push(bar(`W-MLP ${d} ≥ 10× faster than tfjs-wasm`, Number.isFinite(mlpTfw) ? mlpTfw >= 10 : null, `${fmt(mlpTfw, 1)}× faster`));
  const accGap = Math.abs(acc(r.mlp, d) - acc(r.mlp, 'pytorch')) * 100;
  lines.push(bar('W-MLP test accuracy within 1 point of PyTorch', Number.isFinite(accGap) ? accGap <= 1 : null, `${fmt(accGap)} points apart`));
  const cnnTorch = med(r.cnn, d) / med(r.cnn, 'pytorch');
  lines.push(bar(`W-CNN ${d} ≤ 2× PyTorch's time`, Number.isFinite(cnnTorch) ? cnnTorch <= 2 : null, `${fmt(cnnTorch)}× (medians; fastest runs: ${fmt(fastest(r.cnn))}×)`));
  const cnnTfw = med(r.cnn, 'tfjs-wasm') / med(r.cnn, d);
  const tfwFailed = r.cnn['tfjs-wasm']?.failed;
  if (tfwFailed) lines.push(`- W-CNN ${d} faster than tfjs-wasm: tfjs-wasm cannot train this network (${tfwFailed}) — **no comparison possible**`);
  else lines.push(bar(`W-CNN ${d} faster than tfjs-wasm`, Number.isFinite(cnnTfw) ? cnnTfw > 1 : null, `${fmt(cnnTfw, 1)}× faster`));
  const s512 = r.sgemm['512'];
  const wasm512 = s512?.['hyperspec-wasm']?.median ?? NaN;
  lines.push(bar('sgemm n=512 on 2 threads ≥ 40 GFLOP/s', Number.isFinite(wasm512) ? wasm512 >= 40 : null, `${fmt(wasm512, 1)} GFLOP/s`));
  const cpuRatio = (s512?.['hyperspec-cpu']?.median ?? NaN) / (s512?.['tfjs-cpu']?.median ?? NaN);
  lines.push(bar('backend-cpu (pure TypeScript) sgemm ≥ 3× tfjs-backend-cpu at n=512', Number.isFinite(cpuRatio) ? cpuRatio >= 3 : null, `${fmt(cpuRatio, 1)}×`));
  return lines;
}
