// The helper thread's side of the two-thread scheme. The main thread writes a task into a control
// block in shared memory, bumps GEN and notifies; the helper runs the task and publishes DONE = GEN.
// Both threads run the same compiled module on the same memory, so a task is just a call.
import { gemmBlock } from './gemm';
import { im2col, col2im } from './conv';
import { adam } from './optimizer';

// Control block layout, in i32 slots (kept in sync with src/thread-pool.ts).
const GEN = 0, DONE = 1, READY = 2, OP = 3, ARGS = 4;
const OP_GEMM = 1, OP_IM2COL = 2, OP_COL2IM = 3, OP_ADAM = 4, OP_QUIT = 99;
/** Polls before sleeping: consecutive kernels of a training step arrive microseconds apart. */
const SPIN = 500000;

@inline function arg(ctl: usize, i: i32): i32 {
  return load<i32>(ctl + (<usize>(ARGS + i) << 2));
}

@inline function argF64(ctl: usize, i: i32): f64 {
  return load<f64>(ctl + (<usize>(ARGS + i) << 2));
}

function runTask(ctl: usize, scratch: usize): void {
  const op = load<i32>(ctl + (<usize>OP << 2));
  if (op == OP_GEMM) {
    gemmBlock(arg(ctl, 0), arg(ctl, 1), arg(ctl, 2), arg(ctl, 3), arg(ctl, 4), arg(ctl, 5), arg(ctl, 6) != 0, arg(ctl, 7) != 0,
      arg(ctl, 8), arg(ctl, 9), arg(ctl, 10), arg(ctl, 11), scratch);
  } else if (op == OP_IM2COL) {
    im2col(arg(ctl, 0), arg(ctl, 1), arg(ctl, 2), arg(ctl, 3), arg(ctl, 4));
  } else if (op == OP_COL2IM) {
    col2im(arg(ctl, 0), arg(ctl, 1), arg(ctl, 2), arg(ctl, 3), arg(ctl, 4));
  } else if (op == OP_ADAM) {
    // Float arguments sit 8-byte aligned after the five pointer/count slots.
    adam(arg(ctl, 0), arg(ctl, 1), arg(ctl, 2), arg(ctl, 3), arg(ctl, 4),
      argF64(ctl, 6), argF64(ctl, 8), argF64(ctl, 10), argF64(ctl, 12), argF64(ctl, 14), argF64(ctl, 16));
  }
}

/** The helper thread's main loop: never returns until it receives OP_QUIT. */
export function workerLoop(ctl: usize, scratch: usize): void {
  let seen = atomic.load<i32>(ctl + (<usize>GEN << 2));
  atomic.store<i32>(ctl + (<usize>READY << 2), 1);
  atomic.notify(ctl + (<usize>READY << 2));
  while (true) {
    let gen = atomic.load<i32>(ctl + (<usize>GEN << 2));
    let spins = 0;
    while (gen == seen) {
      if (spins < SPIN) {
        spins++;
      } else {
        atomic.wait<i32>(ctl + (<usize>GEN << 2), seen, -1);
      }
      gen = atomic.load<i32>(ctl + (<usize>GEN << 2));
    }
    seen = gen;
    const quit = load<i32>(ctl + (<usize>OP << 2)) == OP_QUIT;
    if (!quit) runTask(ctl, scratch);
    atomic.store<i32>(ctl + (<usize>DONE << 2), gen);
    atomic.notify(ctl + (<usize>DONE << 2));
    if (quit) return;
  }
}
