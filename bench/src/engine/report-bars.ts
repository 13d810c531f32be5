import { fastestPytorchRow } from './pytorch-best.js';
import { fmt } from './report-format.js';
import { comparableSeconds, type EngineResults, type TrainSummary } from './run-engine-bench.js';

function bar(label: string, ok: boolean | null, detail: string): string {
  return `- ${label}: ${detail} — **${ok === null ? 'not measured' : ok ? 'met' : 'not met'}**`;
}

/** The engine bars of the issues (the latest, issue 16, first), against PyTorch's fastest configuration per workload. */
export function engineBars(r: EngineResults): string[] {
  const d = r.defaultSystem;
  const med = (rows: Record<string, TrainSummary>, s: string | undefined) => (s && rows[s] ? comparableSeconds(rows[s]).median : undefined) ?? NaN;
  const lines: string[] = [];
  for (const [kind, rows, limit] of [['W-MLP', r.mlp, 0.9], ['W-CNN', r.cnn, 0.9], ['W-MLP', r.mlp, 1.5], ['W-CNN', r.cnn, 2]] as const) {
    const best = fastestPytorchRow(rows);
    for (const system of [d, 'hyperspec-train']) {
      if (!rows[system]) continue;
      const ratio = med(rows, system) / med(rows, best);
      // The bar compares medians; the ratio of the fastest runs shows how much the spread could move it.
      const fastest = (rows[system] ? comparableSeconds(rows[system]).min : NaN) / (best ? comparableSeconds(rows[best]).min : NaN);
      lines.push(bar(`${kind} ${system} ≤ ${limit}× PyTorch best (${best ?? 'none'})`, Number.isFinite(ratio) ? ratio <= limit : null, `${fmt(ratio)}× (medians; fastest runs: ${fmt(fastest)}×)`));
    }
  }
  const mlpTfw = med(r.mlp, 'tfjs-wasm') / med(r.mlp, d);
  lines.push(bar(`W-MLP ${d} ≥ 10× faster than tfjs-wasm`, Number.isFinite(mlpTfw) ? mlpTfw >= 10 : null, `${fmt(mlpTfw, 1)}× faster`));
  const best = fastestPytorchRow(r.mlp);
  const accGap = Math.abs((r.mlp[d]?.accuracy.median ?? NaN) - (best ? r.mlp[best].accuracy.median : NaN)) * 100;
  lines.push(bar(`W-MLP test accuracy within 1 point of PyTorch best (${best ?? 'none'})`, Number.isFinite(accGap) ? accGap <= 1 : null, `${fmt(accGap)} points apart`));
  const s512 = r.sgemm['512'];
  const wasm512 = s512?.['hyperspec-wasm']?.median ?? NaN;
  for (const limit of [90, 40]) lines.push(bar(`sgemm n=512 on 2 threads ≥ ${limit} GFLOP/s`, Number.isFinite(wasm512) ? wasm512 >= limit : null, `${fmt(wasm512, 1)} GFLOP/s (median; fastest run ${fmt(s512?.['hyperspec-wasm']?.max ?? NaN, 1)})`));
  for (const [kind, rows] of [['W-MLP', r.mlp], ['W-CNN', r.cnn]] as const) {
    const bestRow = fastestPytorchRow(rows);
    const torchPeak = bestRow ? rows[bestRow].peakRssMb?.median ?? NaN : NaN;
    for (const system of [d, 'hyperspec-train']) {
      const ours = rows[system]?.peakRssMb?.median ?? NaN;
      if (!rows[system]) continue;
      lines.push(bar(`${kind} ${system} peak resident memory ≤ PyTorch best's (${bestRow ?? 'none'})`, Number.isFinite(ours) && Number.isFinite(torchPeak) ? ours <= torchPeak : null, `${fmt(ours, 0)} MiB vs ${fmt(torchPeak, 0)} MiB`));
    }
  }
  const cpuRatio = (s512?.['hyperspec-cpu']?.median ?? NaN) / (s512?.['tfjs-cpu']?.median ?? NaN);
  lines.push(bar('backend-cpu (pure TypeScript) sgemm ≥ 3× tfjs-backend-cpu at n=512', Number.isFinite(cpuRatio) ? cpuRatio >= 3 : null, `${fmt(cpuRatio, 1)}×`));
  return lines;
}
