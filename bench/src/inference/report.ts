import type { InferenceRow } from './inference-bench.js';

/** bench/results/inference.json, as bench/src/inference/run.ts writes it. */
export interface InferenceResults {
  date: string;
  machine: { cpus: number; model?: string; node: string };
  repeats: number;
  /** Load average (1 / 5 / 15 min) at the start, when recorded. */
  loadAverage?: number[];
  /** Share of the benched MNIST pixels that are exactly 0, when recorded. */
  inputZeroShare?: number;
  rows: InferenceRow[];
}

const rate = (x: number) => `${Math.round(x).toLocaleString('en')} /s`;

/** The inference table of docs/model-bundle.md, with the goal's verdict per model at batch 256. */
export function inferenceMarkdown(r: InferenceResults): string {
  const verdicts = r.rows.filter((x) => x.batch === 256).map((x) => `${x.model}: ${x.ratio.toFixed(2)}× — ${x.ratio <= 2 ? 'met' : 'not met'}`);
  return [
    `One measurement (\`pnpm --filter @hyperspec/bench run bench:inference\`, ${r.date.slice(0, 10)}) on ${r.machine.cpus} cores (${r.machine.model ?? 'unknown CPU'}), Node ${r.machine.node}${r.loadAverage ? `, load average ${r.loadAverage.map((l) => l.toFixed(2)).join(' / ')}` : ', other work sharing the machine'}; ${r.repeats} runs each, medians; every run is a fresh Node process with one system alone in it (in one process onnxruntime's spinning worker threads took the cores from hyperspec's next run), and the two systems alternate run by run.`,
    '',
    '| model | batch | hyperspec | onnxruntime-node | onnxruntime ÷ hyperspec |',
    '|---|---|---|---|---|',
    ...r.rows.map((x) => `| ${x.model} | ${x.batch} | ${rate(x.hyperspec_samples_per_s)} | ${rate(x.onnxruntime_samples_per_s)} | ${x.ratio.toFixed(2)} |`),
    '',
    `Goal, within 2× of onnxruntime at batch 256: ${verdicts.join('; ')}.`,
    '',
    `What the MLP rows owe to the data: hyperspec's packed dense forward leaves out the steps of the product where all six rows of an input panel are 0 (the same values as the full product); ${r.inputZeroShare === undefined ? 'most raw MNIST pixels are 0' : `${(r.inputZeroShare * 100).toFixed(0)} % of the benched raw MNIST pixels are 0`}, so the first layer skips a large part of its work, while onnxruntime computes every product. Inputs without zeros (standardised tabular features, ReLU outputs of dense layers mostly) get no such saving.`,
  ].join('\n');
}
