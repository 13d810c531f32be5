import { describe, expect, it } from 'vitest';
import { parseOptions } from '../src/engine/options.js';
import { engineMarkdown } from '../src/engine/report.js';
import { runEngineBench } from '../src/engine/run-engine-bench.js';

// Runs every engine workload at smoke sizes on every available system: checks that each system
// runs and reports sane values. No timing assertions (timings belong to `pnpm bench`). In-process,
// so it needs no build (the CLI measures each system in its own process by the same code).
describe('engine bench --smoke', () => {
  it('runs sgemm, W-MLP, W-CNN and the allocation counters on every system', async () => {
    const lines: string[] = [];
    const results = await runEngineBench(parseOptions(['--smoke', '--in-process']), (line) => lines.push(line));
    const names = results.systems.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['hyperspec-wasm', 'hyperspec-cpu', 'tfjs-cpu', 'tfjs-wasm']));
    // The CLI row trains the full-size specs: not part of a smoke run.
    expect(results.skipped.join()).toContain('hyperspec-train');
    expect(results.defaultSystem).toBe('hyperspec-wasm');
    for (const name of names) {
      expect(results.sgemm['48'][name].median, name).toBeGreaterThan(0);
      const mlp = results.mlp[name];
      expect(mlp.failed, name).toBeUndefined();
      expect(mlp.seconds.median).toBeGreaterThan(0);
      expect(mlp.accuracy.median).toBeGreaterThanOrEqual(0);
      expect(mlp.accuracy.median).toBeLessThanOrEqual(1);
      expect(results.cnn[name], name).toBeDefined();
    }
    // tfjs-backend-wasm has no Conv2DBackpropFilter kernel: reported, not fatal.
    expect(results.cnn['tfjs-wasm'].failed).toMatch(/Conv2DBackpropFilter/);
    // The same seed, initial weights and batches give the same model on both hyperspec backends.
    expect(results.mlp['hyperspec-wasm'].accuracy.median).toBeCloseTo(results.mlp['hyperspec-cpu'].accuracy.median, 2);
    expect(results.alloc['hyperspec-wasm'].buffersCreated).toBe(0);
    expect(results.alloc['hyperspec-cpu'].buffersCreated).toBe(0);
    const markdown = engineMarkdown(results);
    expect(markdown).toContain('### W-MLP');
    expect(markdown).toContain('### Bars set by the issues');
    // Every PyTorch configuration is a row, and ratios are taken against the fastest of them.
    if ('python' in results.torch) {
      for (const name of ['pytorch-1t', 'pytorch-2t-passive', 'pytorch-2t']) expect(names).toContain(name);
      expect(markdown).toMatch(/time ÷ PyTorch best \(pytorch-/);
    }
    expect(lines.length).toBeGreaterThan(0);
  }, 600_000);
});
