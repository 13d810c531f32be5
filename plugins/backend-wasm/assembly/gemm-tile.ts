// Register tile of the matrix product: the micro-kernel (assembly/gemm-micro.ts) keeps an MR×NR block
// of C in MR·NR/4 f32x4 accumulators, and V8 allocates 15 vector registers on x64 (xmm15 is its
// scratch register).
// - With fused multiply-adds (the relaxed-SIMD module, f32x4.relaxed_madd → FMA), 6×8: an FMA has
//   4 cycles of latency on two ports on current x86 cores (Zen 4, recent Intel), so at least 8
//   independent accumulators keep both busy; 12 leave slack and cut the loop overhead per
//   multiply-add, and 12 accumulators + 2 B vectors + 1 broadcast A value fill the 15 registers.
//   Measured at n = 512 on one thread: 49 GFLOP/s with 4×8, 54 with 6×8.
// - With a separate multiply and add (the plain SIMD module), 4×8: each product needs a temporary
//   register, so 6×8 spills (28 GFLOP/s against 36 with 4×8).
export const MR: i32 = ASC_FEATURE_RELAXED_SIMD ? 6 : 4;
export const NR: i32 = 8;
