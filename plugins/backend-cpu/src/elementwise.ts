import type { BinaryOp, UnaryOp } from '@hyperspec/core';

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
  }
}

/** Strides of a row-major shape, with 0 on broadcast (size-1) axes. */
function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = shape[i] === 1 && outShape[i] !== 1 ? 0 : s;
    s *= shape[i];
  }
  return strides;
}

export function binary(op: BinaryOp, a: Float32Array, aShape: readonly number[], b: Float32Array, bShape: readonly number[], out: Float32Array, outShape: readonly number[]): void {
  const n = out.length;
  const f = binaryFn(op);
  if (a.length === n && b.length === n) {
    if (op === 'add') for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
    else if (op === 'mul') for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
    else if (op === 'sub') for (let i = 0; i < n; i++) out[i] = a[i] - b[i];
    else for (let i = 0; i < n; i++) out[i] = f(a[i], b[i]);
    return;
  }
  if (b.length === 1) {
    const bv = b[0];
    for (let i = 0; i < n; i++) out[i] = f(a[i], bv);
    return;
  }
  if (a.length === 1) {
    const av = a[0];
    for (let i = 0; i < n; i++) out[i] = f(av, b[i]);
    return;
  }
  const rank = outShape.length;
  const lastB = bShape[rank - 1];
  // Row broadcast (bias add): a is [rows, cols], b repeats every `cols`.
  if (a.length === n && b.length === lastB && lastB === outShape[rank - 1]) {
    for (let i = 0; i < n; i += lastB) for (let j = 0; j < lastB; j++) out[i + j] = f(a[i + j], b[j]);
    return;
  }
  const sa = broadcastStrides(aShape, outShape);
  const sb = broadcastStrides(bShape, outShape);
  const idx = new Array<number>(rank).fill(0);
  let ia = 0;
  let ib = 0;
  for (let i = 0; i < n; i++) {
    out[i] = f(a[ia], b[ib]);
    for (let d = rank - 1; d >= 0; d--) {
      idx[d]++;
      ia += sa[d];
      ib += sb[d];
      if (idx[d] < outShape[d]) break;
      ia -= sa[d] * outShape[d];
      ib -= sb[d] * outShape[d];
      idx[d] = 0;
    }
  }
}

export function broadcastTo(x: Float32Array, shape: readonly number[], out: Float32Array, outShape: readonly number[]): void {
  const rank = outShape.length;
  const sx = broadcastStrides(shape, outShape);
  const idx = new Array<number>(rank).fill(0);
  let ix = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = x[ix];
    for (let d = rank - 1; d >= 0; d--) {
      idx[d]++;
      ix += sx[d];
      if (idx[d] < outShape[d]) break;
      ix -= sx[d] * outShape[d];
      idx[d] = 0;
    }
  }
}
