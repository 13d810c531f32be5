import type { Engine } from '../tensor/engine.js';
import type { Tensor } from '../tensor/tensor.js';
import { Rng } from '../util/rng.js';

/** Tolerances of an elementwise comparison: |actual − expected| ≤ atol + rtol·|expected| passes. */
export interface Tolerance {
  atol: number;
  rtol: number;
}

/** What `allClose` found: whether every element passed, and the worst element for the message. */
export interface CloseReport {
  ok: boolean;
  /** Largest |actual − expected| / (atol + rtol·|expected|); at most 1 when ok. */
  worstRatio: number;
  worstIndex: number;
  message: string;
}

/**
 * Compares two arrays elementwise, as NumPy's `allclose` does. Float32 math against a float64
 * reference agrees to about 1e-6 relative per operation, so `{ atol: 1e-5, rtol: 1e-4 }` is the
 * usual choice for single ops.
 */
export function allClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: Tolerance, label = 'values'): CloseReport {
  if (actual.length !== expected.length) {
    return { ok: false, worstRatio: Infinity, worstIndex: -1, message: `${label}: ${actual.length} values, expected ${expected.length}` };
  }
  let worstRatio = 0;
  let worstIndex = -1;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = expected[i];
    const ratio = Math.abs(a - e) / (tol.atol + tol.rtol * Math.abs(e));
    // NaN compares false everywhere, so test for it explicitly.
    if (Number.isNaN(ratio) || ratio > worstRatio) {
      worstRatio = Number.isNaN(ratio) ? Infinity : ratio;
      worstIndex = i;
      if (worstRatio === Infinity) break;
    }
  }
  const ok = worstRatio <= 1;
  const message = ok
    ? `${label}: all ${actual.length} close (worst ${worstRatio.toFixed(3)} of tolerance)`
    : `${label}[${worstIndex}] = ${actual[worstIndex]}, expected ${expected[worstIndex]} (${worstRatio.toFixed(1)}× the tolerance atol=${tol.atol}, rtol=${tol.rtol})`;
  return { ok, worstRatio, worstIndex, message };
}

export interface GradientCheckOptions {
  /**
   * Finite-difference step relative to the input's magnitude: h = step·max(1, |x|). The default 5e-3
   * is about the cube root of float32's epsilon, which balances the O(h²) truncation error of central
   * differences against the float32 rounding of the function (≈ ε·|f|/h). Use a smaller step for
   * piecewise-linear functions (relu, max) so a perturbation does not cross a kink.
   */
  step?: number;
  /** Tolerance of analytic versus numeric gradients; the default suits float32 ops. */
  tolerance?: Tolerance;
  /** Checks at most this many elements of each input (spread evenly), for big inputs. Default: all. */
  maxElements?: number;
  /** Weights of the scalar Σ output·upstream; default: standard normal draws from `seed`. */
  upstream?: ArrayLike<number>;
  seed?: number;
}

/** One input's gradients, analytic (from backward) and numeric (from central differences). */
export interface InputGradientCheck {
  /** Flat indices that were checked. */
  indices: number[];
  analytic: number[];
  numeric: number[];
  report: CloseReport;
}

export interface GradientCheckResult {
  ok: boolean;
  inputs: InputGradientCheck[];
  /** One line per input, naming the worst element of a failing one. */
  message: string;
}

export const DEFAULT_GRADIENT_TOLERANCE: Tolerance = { atol: 1e-3, rtol: 1e-2 };

/**
 * Checks the gradients that `fn` records against central finite differences. The function is
 * reduced to the scalar f = Σ fn(inputs) ⊙ upstream; its analytic gradient comes from
 * `engine.backward(output, upstream)`, its numeric gradient from (f(x + h) − f(x − h)) / (x₊ − x₋)
 * per element, where the reduction runs in float64 (outputs that a perturbation does not touch then
 * cancel exactly) and x₊, x₋ are the float32 values actually stored, not x ± h.
 *
 * `fn` must be deterministic (a random op must re-seed its generator on every call). The inputs are
 * copied into fresh variables, so the caller's tensors are left unchanged.
 */
export function checkGradients(
  engine: Engine,
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  options: GradientCheckOptions = {},
): GradientCheckResult {
  const step = options.step ?? 5e-3;
  const tolerance = options.tolerance ?? DEFAULT_GRADIENT_TOLERANCE;
  const vars = inputs.map((t) => engine.variable(t.data, t.shape));
  try {
    let upstream: Float32Array = new Float32Array(0);
    engine.scope(() => {
      const y = fn(...vars);
      upstream = makeUpstream(y.size, options);
      engine.backward(y, engine.tensor(upstream, y.shape));
    });
    const evaluate = (): number =>
      engine.noGrad(() =>
        engine.scope(() => {
          const y = fn(...vars).data;
          let s = 0;
          for (let i = 0; i < y.length; i++) s += y[i] * upstream[i];
          return s;
        }),
      );
    const results = vars.map((v, k) => {
      const indices = sampleIndices(v.size, options.maxElements);
      const analytic = indices.map((i) => (v.grad ? v.grad.data[i] : 0));
      const numeric = indices.map((i) => {
        const original = v.data[i];
        const h = step * Math.max(1, Math.abs(original));
        v.data[i] = original + h;
        const xPlus = v.data[i];
        const fPlus = evaluate();
        v.data[i] = original - h;
        const xMinus = v.data[i];
        const fMinus = evaluate();
        v.data[i] = original;
        return (fPlus - fMinus) / (xPlus - xMinus);
      });
      const report = allClose(analytic, numeric, tolerance, `input ${k} gradient`);
      return { indices, analytic, numeric, report: { ...report, message: report.ok ? report.message : `${report.message} at flat index ${indices[report.worstIndex]}` } };
    });
    const ok = results.every((r) => r.report.ok);
    return { ok, inputs: results, message: results.map((r) => r.report.message).join('\n') };
  } finally {
    for (const v of vars) {
      v.grad?.dispose();
      v.dispose();
    }
  }
}

function makeUpstream(size: number, options: GradientCheckOptions): Float32Array {
  if (options.upstream) {
    if (options.upstream.length !== size) throw new Error(`checkGradients: upstream has ${options.upstream.length} values, the output ${size}`);
    return Float32Array.from(options.upstream);
  }
  const rng = new Rng(options.seed ?? 1);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = rng.normal();
  return out;
}

function sampleIndices(size: number, max: number | undefined): number[] {
  if (max === undefined || size <= max) return Array.from({ length: size }, (_, i) => i);
  return Array.from({ length: max }, (_, i) => Math.floor((i * size) / max));
}
