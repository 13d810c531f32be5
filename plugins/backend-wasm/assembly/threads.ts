// Work sharing between the main thread and the helper threads. The main thread writes a task into a
// control block in shared memory: the kernel, its arguments and the boundaries of its chunks (blocks
// of C, of images, of a flat range; large first, smaller towards the end, so the thread that finishes
// last waits only for a small chunk). Every thread then claims chunks one at a time from a shared
// counter and computes them, so whichever threads are running do the work: when a helper is slow to
// wake or the machine is busy, the others (in the end the main thread alone) claim its share and
// nobody waits for a chunk nobody started. All threads run the same compiled module on the same
// memory, each with its own scratch space.
import { gemmBlock, packWhole } from './gemm';
import { im2col, col2im, maxPool2d, maxPool2dGrad, swapOuter } from './conv';
import { unary, binary } from './elementwise';
import { adam } from './optimizer';
import { denseRowsPacked, denseChainRows } from './dense-packed';
import { convForwardImages } from './conv-forward';
import { maxPool2x2Forward } from './pool-forward';
import { reluMaxPool2x2, reluMaxPoolGrad, reluMaxPool2x2Grad } from './relu-pool';
import { winogradImages } from './winograd';
import { convWeightGradImages } from './conv-weight-grad';
import { winogradWeightGradImages } from './winograd-weight-grad';

// The control block's layout, the task codes and the broadcast modes: shared with the host.
import {
  GEN, DONE, READY, OP, ARGS, CLAIM, FINISHED, CHUNKS, BOUNDS, CHUNK_BITS, SLEEPING,
  OP_GEMM, OP_DENSE_PACKED, OP_DENSE_CHAIN, OP_IM2COL, OP_COL2IM, OP_ADAM, OP_UNARY, OP_BINARY, OP_SWAP, OP_MAXPOOL, OP_MAXPOOL_GRAD, OP_PACK, OP_CONV_FORWARD, OP_MAXPOOL_FORWARD, OP_RELU_MAXPOOL, OP_RELU_MAXPOOL_GRAD, OP_RELU_MAXPOOL2X2_GRAD, OP_WINOGRAD, OP_CONV_WEIGHT_GRAD, OP_WINOGRAD_WEIGHT_GRAD, OP_QUIT,
  MODE_SCALAR_B as SCALAR_B, MODE_SCALAR_A as SCALAR_A, MODE_ROW_A as ROW_A,
} from '../src/kernel-abi';
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;
const GEN_MASK = (1 << (31 - CHUNK_BITS)) - 1;
/** Polls before sleeping: consecutive kernels of a training step arrive microseconds apart. */
const SPIN = 500000;

@inline function slot(ctl: usize, i: i32): usize {
  return ctl + (<usize>i << 2);
}

@inline function arg(ctl: usize, i: i32): i32 {
  return load<i32>(slot(ctl, ARGS + i));
}

@inline function argF64(ctl: usize, i: i32): f64 {
  return load<f64>(slot(ctl, ARGS + i));
}

/**
 * Chunk `idx` of the task: the range [start, end) of its split axis comes from the bounds table.
 * Arguments by op — gemm: a, b, c, m, k, n, transA, transB, splitColumns (else rows of C),
 * bias (0: none), relu, nchw, positions, accumulate, packed A, packed B (0: none; see gemmBlock);
 * im2col / col2im: source, geometry, destination (the range counts images);
 * adam: param, grad, m, v (the range counts floats), zero grad (1: set the gradient to 0 as it is read), then lr, β1, β2, ε, step, weight decay as f64
 * from slot ARGS + 6;
 * unary: op, x, out (floats), alpha as f64 at ARGS + 6;
 * binary: op, mode, a, b, out, cols, inner (floats; the bounds fall on rows or planes of a broadcast
 * operand, which is not offset);
 * swap: x, a, b, inner, out (indices along a); maxpool: x, geometry, out, argmax (planes);
 * maxpool grad: dy, argmax, dx, dy floats per plane, dx floats per plane (planes);
 * pack: which (0: A, 1: B), source, transposed, m, k, n, destination, nchw, positions (rows of A or columns of B).
 */
function runChunk(ctl: usize, scratch: usize, idx: i32): void {
  const op = load<i32>(slot(ctl, OP));
  const start = load<i32>(slot(ctl, BOUNDS + idx));
  const end = load<i32>(slot(ctl, BOUNDS + idx + 1));
  if (op == OP_GEMM) {
    const m = arg(ctl, 3), n = arg(ctl, 5);
    if (arg(ctl, 8) != 0) {
      gemmBlock(arg(ctl, 0), arg(ctl, 1), arg(ctl, 2), m, arg(ctl, 4), n, arg(ctl, 6) != 0, arg(ctl, 7) != 0, 0, m, start, end, scratch,
        arg(ctl, 9), arg(ctl, 10) != 0, arg(ctl, 11), arg(ctl, 12), arg(ctl, 13) != 0, arg(ctl, 14), arg(ctl, 15));
    } else {
      gemmBlock(arg(ctl, 0), arg(ctl, 1), arg(ctl, 2), m, arg(ctl, 4), n, arg(ctl, 6) != 0, arg(ctl, 7) != 0, start, end, 0, n, scratch,
        arg(ctl, 9), arg(ctl, 10) != 0, arg(ctl, 11), arg(ctl, 12), arg(ctl, 13) != 0, arg(ctl, 14), arg(ctl, 15));
    }
  } else if (op == OP_DENSE_PACKED) {
    // x, packed W, bias, out, m, k, n, relu; the range counts rows.
    denseRowsPacked(arg(ctl, 0), arg(ctl, 1), arg(ctl, 2), arg(ctl, 3), arg(ctl, 4), arg(ctl, 5), arg(ctl, 6), arg(ctl, 7) != 0, start, end, scratch);
  } else if (op == OP_DENSE_CHAIN) {
    // layer table, layers, m; the range counts rows.
    denseChainRows(arg(ctl, 0), arg(ctl, 1), arg(ctl, 2), start, end, scratch);
  } else if (op == OP_CONV_FORWARD) {
    // x, geometry (n = 1), w, bias, out, out channels, relu, patch buffers, floats per chunk's patch buffer, 2×2 max pool, packed w; the range counts images.
    convForwardImages(arg(ctl, 0), arg(ctl, 1), arg(ctl, 2), arg(ctl, 10), arg(ctl, 3), arg(ctl, 4), arg(ctl, 5), arg(ctl, 6) != 0, arg(ctl, 9) != 0, start, end,
      arg(ctl, 7) + (<usize>(idx * arg(ctl, 8)) << 2), scratch);
  } else if (op == OP_WINOGRAD) {
    // x, geometry, packed U, its padded rows, bias, out, out channels, relu, 2×2 max pool, images per group, work buffers, floats per chunk's work; the range counts images.
    winogradImages(arg(ctl, 0), arg(ctl, 1), arg(ctl, 2), arg(ctl, 3), arg(ctl, 4), arg(ctl, 5), arg(ctl, 6), arg(ctl, 7) != 0, arg(ctl, 8) != 0, arg(ctl, 9), start, end,
      arg(ctl, 10) + (<usize>(idx * arg(ctl, 11)) << 2), scratch);
  } else if (op == OP_CONV_WEIGHT_GRAD) {
    // x, geometry, dy, out channels, work buffers, floats per chunk's work (its partial sum, then its channel-last image), floats of a partial sum; the range counts images.
    const work = arg(ctl, 4) + (<usize>(idx * arg(ctl, 5)) << 2);
    convWeightGradImages(arg(ctl, 0), arg(ctl, 1), arg(ctl, 2), arg(ctl, 3), start, end, work, scratch, work + (<usize>arg(ctl, 6) << 2));
  } else if (op == OP_WINOGRAD_WEIGHT_GRAD) {
    // x, geometry, dy, out channels, images per group, work buffers, floats per chunk's work (its M first); the range counts images.
    winogradWeightGradImages(arg(ctl, 0), arg(ctl, 1), arg(ctl, 2), arg(ctl, 3), arg(ctl, 4), start, end, arg(ctl, 5) + (<usize>(idx * arg(ctl, 6)) << 2), scratch);
  } else if (op == OP_MAXPOOL_FORWARD) {
    // x, out, h, w, outH, outW; the range counts planes.
    maxPool2x2Forward(arg(ctl, 0), arg(ctl, 1), arg(ctl, 2), arg(ctl, 3), arg(ctl, 4), arg(ctl, 5), start, end);
  } else if (op == OP_RELU_MAXPOOL) {
    // z, out, argmax, h, w, outH, outW; the range counts planes.
    reluMaxPool2x2(arg(ctl, 0), arg(ctl, 1), arg(ctl, 2), arg(ctl, 3), arg(ctl, 4), arg(ctl, 5), arg(ctl, 6), start, end);
  } else if (op == OP_RELU_MAXPOOL_GRAD) {
    // dy, out, argmax, dz, dy floats per plane, dz floats per plane; the range counts planes.
    reluMaxPoolGrad(arg(ctl, 0), arg(ctl, 1), arg(ctl, 2), arg(ctl, 3), arg(ctl, 4), arg(ctl, 5), start, end);
  } else if (op == OP_RELU_MAXPOOL2X2_GRAD) {
    // dy, out, argmax, dz, h, w, outH, outW; the range counts planes.
    reluMaxPool2x2Grad(arg(ctl, 0), arg(ctl, 1), arg(ctl, 2), arg(ctl, 3), arg(ctl, 4), arg(ctl, 5), arg(ctl, 6), arg(ctl, 7), start, end);
  } else if (op == OP_IM2COL) {
    im2col(arg(ctl, 0), arg(ctl, 1), arg(ctl, 2), start, end);
  } else if (op == OP_COL2IM) {
    col2im(arg(ctl, 0), arg(ctl, 1), arg(ctl, 2), start, end);
  } else if (op == OP_UNARY) {
    const off = <usize>start << 2;
    unary(arg(ctl, 0), arg(ctl, 1) + off, arg(ctl, 2) + off, end - start, <f32>argF64(ctl, 6));
  } else if (op == OP_BINARY) {
    const mode = arg(ctl, 1);
    const off = <usize>start << 2;
    const a = mode == SCALAR_A || mode == ROW_A ? arg(ctl, 2) : arg(ctl, 2) + off;
    const b = mode == 0 || mode == SCALAR_A || mode == ROW_A ? arg(ctl, 3) + off : arg(ctl, 3);
    binary(arg(ctl, 0), mode, a, b, arg(ctl, 4) + off, end - start, arg(ctl, 5), arg(ctl, 6));
  } else if (op == OP_SWAP) {
    swapOuter(arg(ctl, 0), arg(ctl, 1), arg(ctl, 2), arg(ctl, 3), arg(ctl, 4), start, end);
  } else if (op == OP_MAXPOOL) {
    maxPool2d(arg(ctl, 0), arg(ctl, 1), arg(ctl, 2), arg(ctl, 3), start, end);
  } else if (op == OP_MAXPOOL_GRAD) {
    maxPool2dGrad(arg(ctl, 0), arg(ctl, 1), arg(ctl, 2), arg(ctl, 3), arg(ctl, 4), start, end);
  } else if (op == OP_PACK) {
    packWhole(arg(ctl, 0), arg(ctl, 1), arg(ctl, 2) != 0, arg(ctl, 3), arg(ctl, 4), arg(ctl, 5), arg(ctl, 6), arg(ctl, 7), arg(ctl, 8), start, end);
  } else if (op == OP_ADAM) {
    const off = <usize>start << 2;
    adam(arg(ctl, 0) + off, arg(ctl, 1) + off, arg(ctl, 2) + off, arg(ctl, 3) + off, end - start,
      argF64(ctl, 6), argF64(ctl, 8), argF64(ctl, 10), argF64(ctl, 12), argF64(ctl, 14), argF64(ctl, 16), arg(ctl, 4) != 0);
  }
}

/**
 * Claims and computes chunks of task `gen` until none is left; returns at once if a newer task has
 * replaced it. Called by every thread. The arguments are read only after a claim succeeds: a chunk
 * of `gen` stays unfinished until this thread finishes it, so the main thread cannot have written
 * the next task over them. A claim read just before the main thread posts the next task cannot
 * succeed either: posting re-tags CLAIM before it writes CHUNKS or anything else (src/helper-threads.ts).
 */
export function runChunks(ctl: usize, scratch: usize, gen: i32): void {
  const claim = slot(ctl, CLAIM);
  const tag = (gen & GEN_MASK) << CHUNK_BITS;
  while (true) {
    const c = atomic.load<i32>(claim);
    if ((c & ~CHUNK_MASK) != tag) return;
    const idx = c & CHUNK_MASK;
    if (idx >= atomic.load<i32>(slot(ctl, CHUNKS))) return;
    if (atomic.cmpxchg<i32>(claim, c, c + 1) != c) continue;
    runChunk(ctl, scratch, idx);
    atomic.add<i32>(slot(ctl, FINISHED), 1);
    atomic.notify(slot(ctl, FINISHED));
  }
}

/** A helper thread's main loop: never returns until it receives OP_QUIT. */
export function workerLoop(ctl: usize, scratch: usize): void {
  let seen = atomic.load<i32>(slot(ctl, GEN));
  atomic.add<i32>(slot(ctl, READY), 1);
  atomic.notify(slot(ctl, READY));
  while (true) {
    let gen = atomic.load<i32>(slot(ctl, GEN));
    let spins = 0;
    while (gen == seen) {
      if (spins < SPIN) {
        spins++;
      } else {
        // Counted while asleep, so that the host calls notify only when someone sleeps. A task posted
        // after the host read SLEEPING as 0 changed GEN before this increment (all atomics here are
        // sequentially consistent), so the wait below returns at once instead of missing it.
        atomic.add<i32>(slot(ctl, SLEEPING), 1);
        atomic.wait<i32>(slot(ctl, GEN), seen, -1);
        atomic.sub<i32>(slot(ctl, SLEEPING), 1);
      }
      gen = atomic.load<i32>(slot(ctl, GEN));
    }
    seen = gen;
    if (atomic.load<i32>(slot(ctl, OP)) == OP_QUIT) {
      atomic.add<i32>(slot(ctl, DONE), 1);
      atomic.notify(slot(ctl, DONE));
      return;
    }
    runChunks(ctl, scratch, gen);
  }
}
