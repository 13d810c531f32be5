// The multiply-add of every inner loop, compiled two ways from the same source (scripts/build-wasm.mjs):
// with `--enable relaxed-simd` it is one f32x4.relaxed_madd, which V8 lowers to an x64 FMA
// (vfmadd213ps/231ps) where the CPU has FMA3; in the plain SIMD module it is a multiply and an add.
// ASC_FEATURE_RELAXED_SIMD is a compile-time constant, so each module holds only its own branch.
//
// relaxed_madd may round once (fused) or twice (WebAssembly relaxed SIMD proposal, "Relaxed fused
// multiply-add"): either way the result is within the float32 accumulation error the kernels' tests allow.

/** a·b + c in each f32 lane. */
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}
