import { RELAXED_SIMD_FLAG } from './kernel-module.js';
import { withV8Flags } from './v8-flags.js';

const V128_ZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];

// The smallest module that uses relaxed SIMD: (func (result v128) (f32x4.relaxed_madd (v128.const 0)
// (v128.const 0) (v128.const 0))). Written out from the binary format (WebAssembly spec §5; the
// relaxed SIMD proposal numbers f32x4.relaxed_madd 0xfd 0x105, LEB128 0x85 0x02).
const RELAXED_SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b,
  0x03, 0x02, 0x01, 0x00,
  0x0a, 0x3d, 0x01, 0x3b, 0x00, ...V128_ZERO, ...V128_ZERO, ...V128_ZERO, 0xfd, 0x85, 0x02, 0x0b,
]);

/**
 * True when this engine compiles relaxed SIMD (with the V8 flag Node 20 needs, set for the probe's
 * compilation only). The CPU does not enter into it: without FMA, V8 computes relaxed_madd as a
 * multiply and an add, as the plain module does.
 */
export function relaxedSimdCompiles(): boolean {
  try {
    return withV8Flags([RELAXED_SIMD_FLAG], () => new WebAssembly.Module(RELAXED_SIMD_PROBE)) instanceof WebAssembly.Module;
  } catch {
    return false;
  }
}
