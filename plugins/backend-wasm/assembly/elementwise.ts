// Elementwise kernels. Each exported kernel switches once on the op and calls an @inline loop with a
// constant op, so after inlining the per-element switch folds away and every loop is branch-free.
// Ops whose results must match the reference backend's float64 Math (exp, log, tanh, ...) run one
// element at a time in f64; the rest use f32x4.

import {
  UNARY_NEG as NEG, UNARY_EXP as EXP, UNARY_LOG as LOG, UNARY_SQRT as SQRT, UNARY_ABS as ABS, UNARY_SQUARE as SQUARE,
  UNARY_RECIPROCAL as RECIPROCAL, UNARY_RELU as RELU, UNARY_SIGMOID as SIGMOID, UNARY_TANH as TANH,
  UNARY_LEAKY_RELU as LEAKY_RELU, UNARY_ELU as ELU, UNARY_GELU as GELU, UNARY_SOFTPLUS as SOFTPLUS, UNARY_STEP as STEP,
  UNARY_LEAKY_RELU_GRAD as LEAKY_RELU_GRAD, UNARY_ELU_GRAD as ELU_GRAD, UNARY_GELU_GRAD as GELU_GRAD,
  UNARY_SOFTPLUS_GRAD as SOFTPLUS_GRAD,
  BINARY_ADD as ADD, BINARY_SUB as SUB, BINARY_MUL as MUL, BINARY_DIV as DIV, BINARY_MAX as MAX, BINARY_MIN as MIN,
  BINARY_POW as POW, BINARY_GATE as GATE,
  MODE_SAME, MODE_SCALAR_B, MODE_SCALAR_A, MODE_ROW_B, MODE_ROW_A, MODE_MID_B,
} from '../src/kernel-abi';

const SQRT_2_OVER_PI: f64 = 0.7978845608028654;

@inline function unaryVec(op: i32, x: v128, alpha: v128): v128 {
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  switch (op) {
    case NEG: return f32x4.neg(x);
    case SQRT: return f32x4.sqrt(x);
    case ABS: return f32x4.abs(x);
    case SQUARE: return f32x4.mul(x, x);
    case RECIPROCAL: return f32x4.div(one, x);
    // x > 0 ? x : 0, with NaN → 0 exactly as the reference (f32x4.max would keep NaN).
    case RELU: return v128.and(x, f32x4.gt(x, zero));
    case STEP: return v128.and(one, f32x4.gt(x, zero));
    case LEAKY_RELU: return v128.bitselect(x, f32x4.mul(alpha, x), f32x4.gt(x, zero));
    case LEAKY_RELU_GRAD: return v128.bitselect(one, alpha, f32x4.gt(x, zero));
    default: return x;
  }
}

@inline function sigmoid64(x: f64): f64 {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

@inline function unaryScalar(op: i32, x: f64, alpha: f64): f64 {
  switch (op) {
    case NEG: return -x;
    case EXP: return Math.exp(x);
    case LOG: return Math.log(x);
    case SQRT: return Math.sqrt(x);
    case ABS: return Math.abs(x);
    case SQUARE: return x * x;
    case RECIPROCAL: return 1 / x;
    case RELU: return x > 0 ? x : 0;
    case STEP: return x > 0 ? 1 : 0;
    case SIGMOID: return sigmoid64(x);
    case TANH: return Math.tanh(x);
    case LEAKY_RELU: return x > 0 ? x : alpha * x;
    case LEAKY_RELU_GRAD: return x > 0 ? 1 : alpha;
    case ELU: return x > 0 ? x : alpha * Math.expm1(x);
    case ELU_GRAD: return x > 0 ? 1 : alpha * Math.exp(x);
    case GELU: return 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
    case GELU_GRAD: {
      const t = Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x));
      const du = SQRT_2_OVER_PI * (1 + 3 * 0.044715 * x * x);
      return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * du;
    }
    // max(x, 0) + log1p(e^{−|x|}): exact and overflow-free.
    case SOFTPLUS: return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    case SOFTPLUS_GRAD: return sigmoid64(x);
    default: return x;
  }
}

@inline function isVectorUnary(op: i32): bool {
  return op == NEG || op == SQRT || op == ABS || op == SQUARE || op == RECIPROCAL || op == RELU || op == STEP
    || op == LEAKY_RELU || op == LEAKY_RELU_GRAD;
}

@inline function unaryLoop(op: i32, x: usize, out: usize, n: i32, alpha: f32): void {
  let i = 0;
  if (isVectorUnary(op)) {
    const va = f32x4.splat(alpha);
    for (; i + 4 <= n; i += 4) {
      const off = <usize>i << 2;
      v128.store(out + off, unaryVec(op, v128.load(x + off), va));
    }
  }
  for (; i < n; i++) {
    const off = <usize>i << 2;
    store<f32>(out + off, <f32>unaryScalar(op, <f64>load<f32>(x + off), <f64>alpha));
  }
}

/** out[i] = op(x[i]) for n floats. */
export function unary(op: i32, x: usize, out: usize, n: i32, alpha: f32): void {
  switch (op) {
    case NEG: unaryLoop(NEG, x, out, n, alpha); break;
    case EXP: unaryLoop(EXP, x, out, n, alpha); break;
    case LOG: unaryLoop(LOG, x, out, n, alpha); break;
    case SQRT: unaryLoop(SQRT, x, out, n, alpha); break;
    case ABS: unaryLoop(ABS, x, out, n, alpha); break;
    case SQUARE: unaryLoop(SQUARE, x, out, n, alpha); break;
    case RECIPROCAL: unaryLoop(RECIPROCAL, x, out, n, alpha); break;
    case RELU: unaryLoop(RELU, x, out, n, alpha); break;
    case SIGMOID: unaryLoop(SIGMOID, x, out, n, alpha); break;
    case TANH: unaryLoop(TANH, x, out, n, alpha); break;
    case LEAKY_RELU: unaryLoop(LEAKY_RELU, x, out, n, alpha); break;
    case ELU: unaryLoop(ELU, x, out, n, alpha); break;
    case GELU: unaryLoop(GELU, x, out, n, alpha); break;
    case SOFTPLUS: unaryLoop(SOFTPLUS, x, out, n, alpha); break;
    case STEP: unaryLoop(STEP, x, out, n, alpha); break;
    case LEAKY_RELU_GRAD: unaryLoop(LEAKY_RELU_GRAD, x, out, n, alpha); break;
    case ELU_GRAD: unaryLoop(ELU_GRAD, x, out, n, alpha); break;
    case GELU_GRAD: unaryLoop(GELU_GRAD, x, out, n, alpha); break;
    case SOFTPLUS_GRAD: unaryLoop(SOFTPLUS_GRAD, x, out, n, alpha); break;
    default: unreachable();
  }
}

@inline function binaryVec(op: i32, a: v128, b: v128): v128 {
  switch (op) {
    case ADD: return f32x4.add(a, b);
    case SUB: return f32x4.sub(a, b);
    case MUL: return f32x4.mul(a, b);
    case DIV: return f32x4.div(a, b);
    // a >= b ? a : b and a <= b ? a : b, as the reference (NaN picks b).
    case MAX: return v128.bitselect(a, b, f32x4.ge(a, b));
    case MIN: return v128.bitselect(a, b, f32x4.le(a, b));
    // a where b > 0, else 0 (a NaN or infinite a is zeroed too, as in PyTorch's ReLU backward).
    case GATE: return v128.and(a, f32x4.gt(b, f32x4.splat(0)));
    default: return a;
  }
}

@inline function binaryScalar(op: i32, a: f32, b: f32): f32 {
  switch (op) {
    case ADD: return a + b;
    case SUB: return a - b;
    case MUL: return a * b;
    case DIV: return a / b;
    case MAX: return a >= b ? a : b;
    case MIN: return a <= b ? a : b;
    case POW: return <f32>Math.pow(<f64>a, <f64>b);
    case GATE: return b > 0 ? a : 0;
    default: return a;
  }
}

/**
 * The broadcast patterns that cover nearly every call: `mode` 0 = same length, 1 = b is a scalar,
 * 2 = a is a scalar, 3 = b is a row of `cols` repeated over a's rows, 4 = a is that row, 5 = b is a
 * vector of `cols` values along a middle axis of a viewed as [outer, cols, inner] (per-channel bias).
 */
@inline function binaryLoop(op: i32, mode: i32, a: usize, b: usize, out: usize, n: i32, cols: i32, inner: i32): void {
  if (mode == MODE_MID_B) {
    const plane = cols * inner;
    for (let base = 0; base < n; base += plane) {
      for (let ch = 0; ch < cols; ch++) {
        const start = <usize>(base + ch * inner) << 2;
        const sv = load<f32>(b + (<usize>ch << 2));
        const vv = f32x4.splat(sv);
        let j = 0;
        if (op != POW) {
          for (; j + 4 <= inner; j += 4) {
            const off = start + (<usize>j << 2);
            v128.store(out + off, binaryVec(op, v128.load(a + off), vv));
          }
        }
        for (; j < inner; j++) {
          const off = start + (<usize>j << 2);
          store<f32>(out + off, binaryScalar(op, load<f32>(a + off), sv));
        }
      }
    }
    return;
  }
  if (mode == MODE_ROW_B || mode == MODE_ROW_A) {
    // Row broadcast: one pass per row with the row vector streamed alongside.
    const row = mode == MODE_ROW_B ? b : a;
    const full = mode == MODE_ROW_B ? a : b;
    for (let r = 0; r < n; r += cols) {
      const base = <usize>r << 2;
      let j = 0;
      if (op != POW) {
        for (; j + 4 <= cols; j += 4) {
          const off = <usize>j << 2;
          const f = v128.load(full + base + off);
          const v = v128.load(row + off);
          v128.store(out + base + off, mode == MODE_ROW_B ? binaryVec(op, f, v) : binaryVec(op, v, f));
        }
      }
      for (; j < cols; j++) {
        const off = <usize>j << 2;
        const f = load<f32>(full + base + off);
        const v = load<f32>(row + off);
        store<f32>(out + base + off, mode == MODE_ROW_B ? binaryScalar(op, f, v) : binaryScalar(op, v, f));
      }
    }
    return;
  }
  let i = 0;
  if (op != POW) {
    const sa = v128.load32_splat(a);
    const sb = v128.load32_splat(b);
    for (; i + 4 <= n; i += 4) {
      const off = <usize>i << 2;
      const va = mode == MODE_SCALAR_A ? sa : v128.load(a + off);
      const vb = mode == MODE_SCALAR_B ? sb : v128.load(b + off);
      v128.store(out + off, binaryVec(op, va, vb));
    }
  }
  const s0 = load<f32>(a);
  const t0 = load<f32>(b);
  for (; i < n; i++) {
    const off = <usize>i << 2;
    const va = mode == MODE_SCALAR_A ? s0 : load<f32>(a + off);
    const vb = mode == MODE_SCALAR_B ? t0 : load<f32>(b + off);
    store<f32>(out + off, binaryScalar(op, va, vb));
  }
}

@inline function binaryOp(op: i32, mode: i32, a: usize, b: usize, out: usize, n: i32, cols: i32, inner: i32): void {
  switch (mode) {
    case MODE_SAME: binaryLoop(op, MODE_SAME, a, b, out, n, cols, inner); break;
    case MODE_SCALAR_B: binaryLoop(op, MODE_SCALAR_B, a, b, out, n, cols, inner); break;
    case MODE_SCALAR_A: binaryLoop(op, MODE_SCALAR_A, a, b, out, n, cols, inner); break;
    case MODE_ROW_B: binaryLoop(op, MODE_ROW_B, a, b, out, n, cols, inner); break;
    case MODE_ROW_A: binaryLoop(op, MODE_ROW_A, a, b, out, n, cols, inner); break;
    default: binaryLoop(op, MODE_MID_B, a, b, out, n, cols, inner); break;
  }
}

/** out[0..n) = a op b under one of the broadcast modes of binaryLoop. */
export function binary(op: i32, mode: i32, a: usize, b: usize, out: usize, n: i32, cols: i32, inner: i32): void {
  switch (op) {
    case ADD: binaryOp(ADD, mode, a, b, out, n, cols, inner); break;
    case SUB: binaryOp(SUB, mode, a, b, out, n, cols, inner); break;
    case MUL: binaryOp(MUL, mode, a, b, out, n, cols, inner); break;
    case DIV: binaryOp(DIV, mode, a, b, out, n, cols, inner); break;
    case MAX: binaryOp(MAX, mode, a, b, out, n, cols, inner); break;
    case MIN: binaryOp(MIN, mode, a, b, out, n, cols, inner); break;
    case POW: binaryOp(POW, mode, a, b, out, n, cols, inner); break;
    case GATE: binaryOp(GATE, mode, a, b, out, n, cols, inner); break;
    default: unreachable();
  }
}
