import type { BinaryOp, UnaryOp } from '../backend.js';
import { copyKernel } from '../host-kernels.js';
import type { Tensor } from '../tensor.js';
import { broadcastShapes, padShape, sameShape } from './broadcast.js';
import { sumTo } from './reduce.js';

/** Applies a broadcasting binary kernel without recording. */
export function binaryRaw(op: BinaryOp, a: Tensor, b: Tensor): Tensor {
  const shape = broadcastShapes(op, a.shape, b.shape);
  const out = a.engine.empty(shape);
  a.engine.backend.kernels.binary(op, a.data, padShape(a.shape, shape.length), b.data, padShape(b.shape, shape.length), out.data, shape);
  return out;
}

/** Applies a unary kernel without recording. */
export function unaryRaw(op: UnaryOp, x: Tensor, alpha = 0): Tensor {
  const out = x.engine.empty(x.shape);
  x.engine.backend.kernels.unary(op, x.data, out.data, alpha);
  return out;
}

export function add(a: Tensor, b: Tensor): Tensor {
  const out = binaryRaw('add', a, b);
  return a.engine.record(out, 'add', [a, b], (dy) => [sumTo(dy, a.shape), sumTo(dy, b.shape)]);
}

export function sub(a: Tensor, b: Tensor): Tensor {
  const out = binaryRaw('sub', a, b);
  return a.engine.record(out, 'sub', [a, b], (dy) => [sumTo(dy, a.shape), sumTo(neg(dy), b.shape)]);
}

export function mul(a: Tensor, b: Tensor): Tensor {
  const out = binaryRaw('mul', a, b);
  return a.engine.record(out, 'mul', [a, b], (dy) => [
    a.tracked ? sumTo(binaryRaw('mul', dy, b), a.shape) : null,
    b.tracked ? sumTo(binaryRaw('mul', dy, a), b.shape) : null,
  ]);
}

export function div(a: Tensor, b: Tensor): Tensor {
  const out = binaryRaw('div', a, b);
  return a.engine.record(out, 'div', [a, b], (dy) => {
    const da = a.tracked ? sumTo(binaryRaw('div', dy, b), a.shape) : null;
    // d(a/b)/db = -a/b² = -out/b
    const db = b.tracked ? sumTo(neg(binaryRaw('mul', dy, binaryRaw('div', out, b))), b.shape) : null;
    return [da, db];
  });
}

/** Elementwise maximum; the gradient goes to a where a ≥ b, else to b. */
export function maximum(a: Tensor, b: Tensor): Tensor {
  const out = binaryRaw('max', a, b);
  return a.engine.record(out, 'maximum', [a, b], (dy) => {
    // 1 where a ≥ b: step(b − a) is 1 only where b wins outright, so ties go to a.
    const aWins = binaryRaw('sub', scalarLike(a, 1), unaryRaw('step', binaryRaw('sub', b, a)));
    const da = sumTo(binaryRaw('mul', dy, aWins), a.shape);
    const db = sumTo(binaryRaw('mul', dy, binaryRaw('sub', scalarLike(a, 1), aWins)), b.shape);
    return [da, db];
  });
}

export function addScalar(x: Tensor, c: number): Tensor {
  return add(x, scalarLike(x, c));
}

export function mulScalar(x: Tensor, c: number): Tensor {
  return mul(x, scalarLike(x, c));
}

/** x ** p for a constant exponent p. */
export function powScalar(x: Tensor, p: number): Tensor {
  const out = binaryRaw('pow', x, scalarLike(x, p));
  return x.engine.record(out, 'pow', [x], (dy) => [binaryRaw('mul', dy, binaryRaw('mul', binaryRaw('pow', x, scalarLike(x, p - 1)), scalarLike(x, p)))]);
}

export function neg(x: Tensor): Tensor {
  const out = unaryRaw('neg', x);
  return x.engine.record(out, 'neg', [x], (dy) => [unaryRaw('neg', dy)]);
}

export function exp(x: Tensor): Tensor {
  const out = unaryRaw('exp', x);
  return x.engine.record(out, 'exp', [x], (dy) => [binaryRaw('mul', dy, out)]);
}

export function log(x: Tensor): Tensor {
  const out = unaryRaw('log', x);
  return x.engine.record(out, 'log', [x], (dy) => [binaryRaw('div', dy, x)]);
}

export function sqrt(x: Tensor): Tensor {
  const out = unaryRaw('sqrt', x);
  return x.engine.record(out, 'sqrt', [x], (dy) => [binaryRaw('div', dy, binaryRaw('mul', out, scalarLike(x, 2)))]);
}

export function abs(x: Tensor): Tensor {
  const out = unaryRaw('abs', x);
  return x.engine.record(out, 'abs', [x], (dy) => {
    const sign = binaryRaw('sub', unaryRaw('step', x), unaryRaw('step', unaryRaw('neg', x)));
    return [binaryRaw('mul', dy, sign)];
  });
}

export function square(x: Tensor): Tensor {
  const out = unaryRaw('square', x);
  return x.engine.record(out, 'square', [x], (dy) => [binaryRaw('mul', dy, binaryRaw('mul', x, scalarLike(x, 2)))]);
}

/** A 0-d constant on x's engine (released with the current scope). */
export function scalarLike(x: Tensor, value: number): Tensor {
  return x.engine.scalar(value);
}

/** A copy of x that is not connected to the tape. */
export function detach(x: Tensor): Tensor {
  const out = x.engine.empty(x.shape);
  x.engine.host(copyKernel, x.data, out.data);
  return out;
}

export { sameShape };
