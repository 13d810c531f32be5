import type { BinaryOp, ReduceOp, UnaryOp } from '@hyperspec/core/tensor';
import * as abi from './kernel-abi.js';

/** Unary op numbers understood by the kernel module (the numbers live in kernel-abi.ts). */
export const UNARY_CODES: Readonly<Record<UnaryOp, number>> = {
  neg: abi.UNARY_NEG, exp: abi.UNARY_EXP, log: abi.UNARY_LOG, sqrt: abi.UNARY_SQRT, abs: abi.UNARY_ABS,
  square: abi.UNARY_SQUARE, reciprocal: abi.UNARY_RECIPROCAL, relu: abi.UNARY_RELU, sigmoid: abi.UNARY_SIGMOID,
  tanh: abi.UNARY_TANH, leaky_relu: abi.UNARY_LEAKY_RELU, elu: abi.UNARY_ELU, gelu: abi.UNARY_GELU,
  softplus: abi.UNARY_SOFTPLUS, step: abi.UNARY_STEP, leaky_relu_grad: abi.UNARY_LEAKY_RELU_GRAD,
  elu_grad: abi.UNARY_ELU_GRAD, gelu_grad: abi.UNARY_GELU_GRAD, softplus_grad: abi.UNARY_SOFTPLUS_GRAD,
};

/** Binary op numbers understood by the kernel module. */
export const BINARY_CODES: Readonly<Record<BinaryOp, number>> = {
  add: abi.BINARY_ADD, sub: abi.BINARY_SUB, mul: abi.BINARY_MUL, div: abi.BINARY_DIV,
  max: abi.BINARY_MAX, min: abi.BINARY_MIN, pow: abi.BINARY_POW, gate: abi.BINARY_GATE,
};

export const REDUCE_CODES: Readonly<Record<ReduceOp, number>> = { sum: abi.REDUCE_SUM, max: abi.REDUCE_MAX };

/** Broadcast patterns of the binary kernel (assembly/elementwise.ts, binaryLoop). */
export const BinaryMode = {
  Same: abi.MODE_SAME, ScalarB: abi.MODE_SCALAR_B, ScalarA: abi.MODE_SCALAR_A, RowB: abi.MODE_ROW_B, RowA: abi.MODE_ROW_A, MidB: abi.MODE_MID_B,
} as const;

/** Which operand of matmulNchw is image-major (assembly/image-major.ts). */
export const NCHW_CODES: Readonly<Record<'a' | 'b' | 'out', number>> = { a: abi.NCHW_A, b: abi.NCHW_B, out: abi.NCHW_C };
