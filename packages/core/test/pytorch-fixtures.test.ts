import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOpFixtures, loadOptimizerFixture, PYTORCH_FIXTURES_DIR, readPytorchFixture } from '@hyperspec/core/testing';

// The reference numerics live inside the repository; a missing or truncated copy must fail loudly.
describe('PyTorch fixtures shipped in @hyperspec/core', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'hyperspec-fixtures-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('are inside the package and complete', () => {
    expect(PYTORCH_FIXTURES_DIR).toMatch(/packages[/\\]core[/\\]fixtures[/\\]pytorch/);
    expect(loadOpFixtures().length).toBeGreaterThanOrEqual(34);
    expect(loadOptimizerFixture().casesOf('Adam').length).toBe(3);
  });

  it('a missing file names itself and the generator', () => {
    expect(() => readPytorchFixture('ops.json', scratch)).toThrow(/ops\.json is missing; regenerate it with .*make_pytorch_fixtures\.py/);
  });

  it('an ops.json without some cases is refused, naming them', () => {
    const file = JSON.parse(readFileSync(join(PYTORCH_FIXTURES_DIR, 'ops.json'), 'utf8')) as { cases: { name: string }[] };
    file.cases = file.cases.filter((c) => c.name !== 'conv2d_k5_s2_p2' && c.name !== 'elu');
    writeFileSync(join(scratch, 'ops.json'), JSON.stringify(file));
    expect(() => loadOpFixtures(scratch)).toThrow(/lacks the cases elu, conv2d_k5_s2_p2/);
  });

  it('an optimizers.json with fewer configurations or steps is refused', () => {
    const file = JSON.parse(readFileSync(join(PYTORCH_FIXTURES_DIR, 'optimizers.json'), 'utf8')) as { optimizers: { trajectory: unknown[] }[] };
    file.optimizers[0].trajectory.pop();
    writeFileSync(join(scratch, 'optimizers.json'), JSON.stringify(file));
    expect(() => loadOptimizerFixture(scratch)).toThrow(/holds 11 steps of sgd, expected 12/);
    file.optimizers.pop();
    writeFileSync(join(scratch, 'optimizers.json'), JSON.stringify(file));
    expect(() => loadOptimizerFixture(scratch)).toThrow(/holds 9 configurations, expected 10/);
    copyFileSync(join(PYTORCH_FIXTURES_DIR, 'optimizers.json'), join(scratch, 'optimizers.json'));
    expect(() => loadOptimizerFixture(scratch).casesOf('Lamb')).toThrow(/no Lamb configuration/);
  });
});
