import type { BinaryOp, ReduceOp, UnaryOp } from '@hyperspec/core/tensor';

/** Unary op numbers understood by the kernel module (assembly/elementwise.ts). */
export const UNARY_CODES: Readonly<Record<UnaryOp, number>> = {
  neg: 0, exp: 1, log: 2, sqrt: 3, abs: 4, square: 5, reciprocal: 6, relu: 7, sigmoid: 8,
  tanh: 9, leaky_relu: 10, elu: 11, gelu: 12, softplus: 13, step: 14, leaky_relu_grad: 15,
  elu_grad: 16, gelu_grad: 17, softplus_grad: 18,
};

/** Binary op numbers understood by the kernel module. */
export const BINARY_CODES: Readonly<Record<BinaryOp, number>> = {
  add: 0, sub: 1, mul: 2, div: 3, max: 4, min: 5, pow: 6, gate: 7,
};

export const REDUCE_CODES: Readonly<Record<ReduceOp, number>> = { sum: 0, max: 1 };

/** Broadcast patterns of the binary kernel (assembly/elementwise.ts, binaryLoop). */
export const BinaryMode = { Same: 0, ScalarB: 1, ScalarA: 2, RowB: 3, RowA: 4, MidB: 5 } as const;

/** Which operand of matmulNchw is image-major (assembly/image-major.ts). */
export const NCHW_CODES: Readonly<Record<'a' | 'b' | 'out', number>> = { a: 1, b: 2, out: 3 };
