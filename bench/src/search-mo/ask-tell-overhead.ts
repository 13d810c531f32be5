// Ask-and-tell overhead (issue 17's bar: ≤ 5 ms per ask + tell for tpe with SQLite at 1,000 finished
// trials). A study of a trivial function is driven through openStudy to `warm` finished trials, then
// `timed` more ask + tell pairs are timed one by one. Raw results: bench/results/ask-tell-overhead.json;
// then re-renders the docs from bench/results/ (docs/search.md).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStudy } from 'hyperspec';
import { benchArgs, positiveInt } from '../bench-args.js';
import { saveResults } from '../bench-results.js';

const USAGE = 'usage: node bench/dist/search-mo/ask-tell-overhead.js [--warm 1000] [--timed 200] [--searcher tpe] [--out file.json]';
const { values: args } = benchArgs(USAGE, { warm: { type: 'string' }, timed: { type: 'string' }, searcher: { type: 'string' }, out: { type: 'string' } });
const warm = positiveInt(USAGE, 'warm', args.warm, 1000);
const timed = positiveInt(USAGE, 'timed', args.timed, 200);
const searcher = args.searcher ?? 'tpe';
const space = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`x${i}`, { type: 'uniform', low: 0, high: 1 }]));
const f = (p: Record<string, unknown>) => Object.values(p).reduce((a: number, v) => a + (Number(v) - 0.3) ** 2, 0);

const db = join(mkdtempSync(join(tmpdir(), 'hs-ask-tell-')), 'study.db');
const study = await openStudy({ space, searcher: { type: searcher }, storage: { type: 'sqlite', path: db } });
for (let i = 0; i < warm; i++) {
  const t = await study.ask();
  await study.tell(t, f(t.params));
}
const ms: number[] = [];
const askMs: number[] = [];
// CPU time of this process (user + system), apart from the time spent waiting for the disk.
const cpuBefore = process.cpuUsage();
for (let i = 0; i < timed; i++) {
  const started = performance.now();
  const t = await study.ask();
  const asked = performance.now();
  await study.tell(t, f(t.params));
  ms.push(performance.now() - started);
  askMs.push(asked - started);
}
const cpu = process.cpuUsage(cpuBefore);
await study.close();
const sorted = [...ms].sort((a, b) => a - b);
const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
const result = {
  bench: 'ask-tell-overhead', date: new Date().toISOString(), searcher, storage: 'sqlite', finished_before: warm, timed,
  mean_ms: mean, median_ms: sorted[Math.floor(sorted.length / 2)], p95_ms: sorted[Math.floor(sorted.length * 0.95)],
  mean_ask_ms: askMs.reduce((a, b) => a + b, 0) / askMs.length, cpu_ms: (cpu.user + cpu.system) / 1000 / timed, samples_ms: ms,
};
saveResults('ask-tell-overhead.json', result, { out: args.out });
process.stdout.write(`${searcher} + SQLite, ${warm}–${warm + timed} finished trials: ask + tell mean ${mean.toFixed(2)} ms, median ${result.median_ms.toFixed(2)} ms, p95 ${result.p95_ms.toFixed(2)} ms (ask alone ${result.mean_ask_ms.toFixed(2)} ms); CPU ${result.cpu_ms.toFixed(2)} ms per ask + tell\n`);
