import { describe, expect, it } from 'vitest';
import { MLP_FLOPS_PER_SAMPLE } from '../src/engine/report-format.js';
import { scalingCharts, scalingMarkdown } from '../src/scaling/report.js';
import { runScalingBench } from '../src/scaling/run-scaling-bench.js';
import { flopsPerSample, mlpSizes } from '../src/scaling/sweeps.js';

// The scaling bench at smoke sizes (a few steps per point), in-process so it needs no build: every
// system times every point, and the report and charts carry each point. No timing assertions.
describe('scaling bench --smoke', () => {
  it('counts 2·in·out per product, three products per layer but two in the first', () => {
    expect(flopsPerSample(mlpSizes(256))).toBe(MLP_FLOPS_PER_SAMPLE);
    expect(flopsPerSample(mlpSizes(512))).toBe(2 * 784 * 512 * 2 + 2 * 512 * 256 * 3 + 2 * 256 * 10 * 3);
  });

  it('times every point of both sweeps on every system and renders tables and charts', async () => {
    const lines: string[] = [];
    const r = await runScalingBench({ smoke: true, runs: 1, inProcess: true }, (line) => lines.push(line));
    const names = r.systems.map((s) => s.name);
    expect(names[0]).toBe('hyperspec-wasm');
    expect(Number(r.systems[0].threads)).toBeGreaterThanOrEqual(1);
    if ('python' in r.torch) expect(names).toEqual(['hyperspec-wasm', 'pytorch-1t', 'pytorch-2t-passive']);
    expect(r.batchSweep.points.map((p) => p.batch)).toEqual([16, 64]);
    expect(r.widthSweep.points.map((p) => p.hidden)).toEqual([256, 512]);
    for (const p of [...r.batchSweep.points, ...r.widthSweep.points]) {
      for (const name of names) {
        expect(p.systems[name].failed, name).toBeUndefined();
        expect(p.systems[name].seconds.median, `${name} b${p.batch} H${p.hidden}`).toBeGreaterThan(0);
      }
    }
    const markdown = scalingMarkdown(r);
    expect(markdown).toContain('### Batch size (784-256-128-10)');
    expect(markdown).toMatch(/\n\| 16 \| 3 \(1\) \| \d/);
    expect(markdown).toMatch(/\n\| 512 \(2\.4 MFLOP \/ sample\) \| 3 \(1\) \| \d/);
    for (const svg of scalingCharts(r).values()) expect(svg.match(/<polyline /g)?.length).toBe(names.length);
    expect(lines).toHaveLength(names.length);
  }, 300_000);
});
