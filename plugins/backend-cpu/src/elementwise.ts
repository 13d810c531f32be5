import type { BinaryOp, UnaryOp } from '@hyperspec/core/tensor';
import { forEachRow, planBroadcast } from './broadcast-plan.js';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

function unaryFn(op: UnaryOp, alpha: number): (x: number) => number {
  switch (op) {
    case 'neg': return (x) => -x;
    case 'exp': return Math.exp;
    case 'log': return Math.log;
    case 'sqrt': return Math.sqrt;
    case 'abs': return Math.abs;
    case 'square': return (x) => x * x;
    case 'reciprocal': return (x) => 1 / x;
    case 'relu': return (x) => (x > 0 ? x : 0);
    case 'step': return (x) => (x > 0 ? 1 : 0);
    case 'sigmoid': return (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
    case 'tanh': return Math.tanh;
    case 'leaky_relu': return (x) => (x > 0 ? x : alpha * x);
    case 'leaky_relu_grad': return (x) => (x > 0 ? 1 : alpha);
    case 'elu': return (x) => (x > 0 ? x : alpha * Math.expm1(x));
    case 'elu_grad': return (x) => (x > 0 ? 1 : alpha * Math.exp(x));
    case 'gelu': return (x) => 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
    case 'gelu_grad': return (x) => {
      const u = SQRT_2_OVER_PI * (x + 0.044715 * x * x * x);
      const t = Math.tanh(u);
      const du = SQRT_2_OVER_PI * (1 + 3 * 0.044715 * x * x);
      return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * du;
    };
    // softplus(x) = max(x, 0) + log1p(e^{−|x|}): exact and overflow-free.
    case 'softplus': return (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    case 'softplus_grad': return (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
  }
}

export function unary(op: UnaryOp, x: Float32Array, out: Float32Array, alpha: number): void {
  const n = x.length;
  switch (op) {
    // The hottest ones get their own loops; the rest go through a function per element.
    case 'relu':
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? x[i] : 0;
      return;
    case 'step':
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? 1 : 0;
      return;
    case 'neg':
      for (let i = 0; i < n; i++) out[i] = -x[i];
      return;
    default: {
      const f = unaryFn(op, alpha);
      for (let i = 0; i < n; i++) out[i] = f(x[i]);
    }
  }
}

function binaryFn(op: BinaryOp): (a: number, b: number) => number {
  switch (op) {
    case 'add': return (a, b) => a + b;
    case 'sub': return (a, b) => a - b;
    case 'mul': return (a, b) => a * b;
    case 'div': return (a, b) => a / b;
    case 'max': return (a, b) => (a >= b ? a : b);
    case 'min': return (a, b) => (a <= b ? a : b);
    case 'pow': return Math.pow;
    case 'gate': return (a, b) => (b > 0 ? a : 0);
  }
}

export function binary(op: BinaryOp, a: Float32Array, aShape: readonly number[], b: Float32Array, bShape: readonly number[], out: Float32Array, outShape: readonly number[]): void {
  const n = out.length;
  if (a.length === n && b.length === n) return binaryRow(op, a, 0, 1, b, 0, 1, out, 0, n);
  if (b.length === 1) return binaryRow(op, a, 0, 1, b, 0, 0, out, 0, n);
  if (a.length === 1) return binaryRow(op, a, 0, 0, b, 0, 1, out, 0, n);
  const plan = planBroadcast(outShape, [aShape, bShape]);
  const [sa, sb] = plan.strides;
  const last = plan.shape.length - 1;
  const da = sa[last] ?? 1;
  const db = sb[last] ?? 1;
  let o = 0;
  forEachRow(plan, ([ia, ib], count) => {
    binaryRow(op, a, ia, da, b, ib, db, out, o, count);
    o += count;
  });
}

/** out[o + i] = op(a[ia + i·da], b[ib + i·db]) for i < count; da or db is 0 for a repeated value. */
function binaryRow(op: BinaryOp, a: Float32Array, ia: number, da: number, b: Float32Array, ib: number, db: number, out: Float32Array, o: number, count: number): void {
  // The common ops get their own loops so the element work is inlined; the rest call a function.
  switch (op) {
    case 'add':
      for (let i = 0; i < count; i++, ia += da, ib += db) out[o + i] = a[ia] + b[ib];
      return;
    case 'sub':
      for (let i = 0; i < count; i++, ia += da, ib += db) out[o + i] = a[ia] - b[ib];
      return;
    case 'mul':
      for (let i = 0; i < count; i++, ia += da, ib += db) out[o + i] = a[ia] * b[ib];
      return;
    case 'div':
      for (let i = 0; i < count; i++, ia += da, ib += db) out[o + i] = a[ia] / b[ib];
      return;
    default: {
      const f = binaryFn(op);
      for (let i = 0; i < count; i++, ia += da, ib += db) out[o + i] = f(a[ia], b[ib]);
    }
  }
}

export function broadcastTo(x: Float32Array, shape: readonly number[], out: Float32Array, outShape: readonly number[]): void {
  const plan = planBroadcast(outShape, [shape]);
  const dx = plan.strides[0][plan.shape.length - 1] ?? 1;
  let o = 0;
  forEachRow(plan, ([ix], count) => {
    if (dx === 1) out.set(x.subarray(ix, ix + count), o);
    else out.fill(x[ix], o, o + count);
    o += count;
  });
}
