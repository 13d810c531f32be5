import { describe, expect, it } from 'vitest';
import type { Backend } from '../tensor/backend.js';
import { Engine } from '../tensor/engine.js';
import { relu } from '../tensor/ops/activations.js';
import { conv2d } from '../tensor/ops/conv2d.js';
import { dense } from '../tensor/ops/dense.js';
import { mul } from '../tensor/ops/elementwise.js';
import { maxPool2d } from '../tensor/ops/pool2d.js';
import { mean } from '../tensor/ops/reduce.js';
import { Rng } from '../util/rng.js';
import { CONFORMANCE_CASES, type ConformanceCase } from './conformance-cases.js';
import { allClose, checkGradients, type Tolerance } from './gradient-check.js';
import { OP_FIXTURE_FORWARDS, OP_FIXTURE_STEPS, type OpFixtureCase } from './op-fixture-forwards.js';
import { PYTORCH_FIXTURES_DIR, readPytorchFixture } from './pytorch-fixtures.js';

/** Float32 ops against float64 PyTorch: about 1e-5 relative, with an absolute floor for values near 0. */
export const FIXTURE_TOLERANCE: Tolerance = { atol: 1e-5, rtol: 1e-4 };

/**
 * Reads `ops.json` (by default the copy shipped in this package). Every case that core knows how to
 * compute must be present: a fixture missing cases fails here instead of passing with fewer checks.
 */
export function loadOpFixtures(fixturesDir: string = PYTORCH_FIXTURES_DIR): OpFixtureCase[] {
  const { cases } = readPytorchFixture<{ cases: OpFixtureCase[] }>('ops.json', fixturesDir);
  const present = new Set(cases.map((c) => c.name));
  const missing = Object.keys(OP_FIXTURE_FORWARDS).filter((n) => !present.has(n));
  if (missing.length > 0) throw new Error(`ops.json in ${fixturesDir} lacks the cases ${missing.join(', ')}; regenerate it with tools/fixtures/make_pytorch_fixtures.py`);
  return cases;
}

/**
 * Wraps a backend so every buffer it hands out starts as NaN. Kernels must overwrite their output
 * completely and ops must not read a buffer before writing it; with recycled buffers such a bug
 * would read stale numbers and pass by luck, with NaN it fails every comparison.
 */
export function poisonedBackend(backend: Backend): Backend {
  return {
    name: backend.name,
    kernels: backend.kernels,
    alloc: (size) => backend.alloc(size).fill(NaN),
    release: (buffer) => backend.release(buffer),
    stats: () => backend.stats(),
  };
}

/**
 * Every case of the PyTorch fixtures (`ops.json`): the op's output, the gradient of
 * Σ output·upstream for each input via backward, and the same gradients by finite differences.
 */
export function describeOpFixtures(createBackend: () => Backend, fixturesDir: string = PYTORCH_FIXTURES_DIR): void {
  const cases = loadOpFixtures(fixturesDir);
  describe('PyTorch op fixtures', () => {
    it('has a core forward for every fixture case', () => {
      expect(cases.map((c) => c.name).filter((n) => !OP_FIXTURE_FORWARDS[n])).toEqual([]);
    });
    for (const c of cases) {
      it(c.name, () => runFixtureCase(new Engine(poisonedBackend(createBackend())), c));
    }
  });
}

function runFixtureCase(engine: Engine, c: OpFixtureCase): void {
  const forward = OP_FIXTURE_FORWARDS[c.name];
  expect(forward, `no core forward for fixture case ${c.name}`).toBeDefined();
  const names = Object.keys(c.inputs);
  const vars = names.map((n) => engine.variable(c.inputs[n].data, c.inputs[n].shape));
  engine.scope(() => {
    const y = forward(c, ...vars);
    // PyTorch reports a scalar loss as [1]; core's is 0-d. Both hold one value.
    if (y.rank > 0 && c.output.shape.length > 0) expect(y.shape).toEqual(c.output.shape);
    expectClose(y.data, c.output.data, FIXTURE_TOLERANCE, `${c.name} output`);
    engine.backward(y, engine.tensor(c.upstream.data, y.shape));
  });
  names.forEach((n, i) => {
    expect(vars[i].grad, `${c.name}: no gradient reached ${n}`).not.toBeNull();
    expectClose(vars[i].grad!.data, c.grads[n].data, FIXTURE_TOLERANCE, `${c.name} d/d${n}`);
  });
  const fd = checkGradients(engine, (...xs) => forward(c, ...xs), vars, { upstream: c.upstream.data, step: OP_FIXTURE_STEPS[c.name] });
  expect(fd.ok, `${c.name} finite differences:\n${fd.message}`).toBe(true);
}

/**
 * The suite every tensor backend runs, in one line of its test file:
 * `describeBackendConformance(() => new MyBackend())` (the PyTorch fixtures shipped in this package). It checks every PyTorch
 * op fixture, further ops and kernel paths against float64 references and finite differences, and
 * the backend's buffer recycling. Buffers come poisoned with NaN (see `poisonedBackend`).
 */
export function describeBackendConformance(createBackend: () => Backend, fixturesDir: string = PYTORCH_FIXTURES_DIR): void {
  const name = createBackend().name;
  describe(`backend conformance: ${name}`, () => {
    describeOpFixtures(createBackend, fixturesDir);
    describe('ops beyond the fixtures (float64 reference and finite differences)', () => {
      for (const c of CONFORMANCE_CASES) {
        it(c.name, () => runConformanceCase(new Engine(poisonedBackend(createBackend())), c));
      }
    });
    describe('fused kernels', () => {
      it("dense gradients equal the plain kernels' (poisoned, no fused kernels) and accumulate over backward passes, a weight used twice included", () => {
        const rng = new Rng(5);
        const values = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
        const [xv, wv, bv, uv, w2v] = [values(5 * 8), values(8 * 8), values(8), values(5 * 8), values(8 * 3)];
        const grads = (engine: Engine) => {
          const x = engine.variable(xv, [5, 8]);
          const w = engine.variable(wv, [8, 8]);
          const b = engine.variable(bv, [8]);
          const w2 = engine.variable(w2v, [8, 3]);
          const u = engine.tensor(uv, [5, 8]);
          for (let pass = 0; pass < 2; pass++) {
            engine.scope(() => engine.backward(mean(dense(mul(dense(dense(x, w, b, 'relu'), w, null), u), w2, null))));
          }
          return [x, w, b, w2].map((t) => Float32Array.from(t.grad!.data));
        };
        const fused = grads(new Engine(createBackend()));
        const plain = grads(new Engine(poisonedBackend(createBackend())));
        fused.forEach((g, i) => expectClose(g, plain[i], FIXTURE_TOLERANCE, `gradient ${i}`));
      });
    });
    describe('storage', () => {
      it('recycles released buffers by size', () => {
        const backend = createBackend();
        const a = backend.alloc(1000);
        const before = backend.stats();
        backend.release(a);
        const b = backend.alloc(1000);
        expect(b.length).toBe(1000);
        expect(backend.stats().created).toBe(before.created);
        expect(backend.stats().live).toBe(before.live);
        backend.release(b);
      });

      it('allocates nothing in a steady-state training step', () => {
        const engine = new Engine(createBackend());
        const w = engine.variable(new Float32Array(4 * 3 * 3 * 3).fill(0.1), [4, 3, 3, 3]);
        // As the model builder does: gradient buffers exist before the first step.
        w.grad = engine.zeros(w.shape).keep();
        const step = (): void =>
          engine.scope(() => {
            const x = engine.full([2, 3, 6, 6], 0.5);
            engine.backward(mean(maxPool2d(relu(conv2d(x, w, null, { padding: 'same' })), { kernel: 2 })));
          });
        step();
        const { created, live } = engine.backend.stats();
        step();
        step();
        expect(engine.backend.stats().created).toBe(created);
        expect(engine.backend.stats().live).toBe(live);
      });
    });
  });
}

function runConformanceCase(engine: Engine, c: ConformanceCase): void {
  const rng = new Rng(11);
  const values = c.inputs.map((input) => {
    const size = input.shape.reduce((a, b) => a * b, 1);
    if (input.values) return Float32Array.from(input.values);
    return Float32Array.from({ length: size }, () => (input.positive ? rng.uniform(0.5, 2) : rng.normal()));
  });
  const inputs = values.map((v, i) => engine.tensor(v, c.inputs[i].shape));
  if (c.reference) {
    const expected = c.reference(values);
    engine.noGrad(() => engine.scope(() => expectClose(c.forward(...inputs).data, expected, FIXTURE_TOLERANCE, `${c.name} output`)));
  }
  const fd = checkGradients(engine, c.forward, inputs, { step: c.step, maxElements: c.maxElements });
  expect(fd.ok, `${c.name} finite differences:\n${fd.message}`).toBe(true);
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: Tolerance, label: string): void {
  const report = allClose(actual, expected, tol, label);
  expect(report.ok, report.message).toBe(true);
}
