// Max pooling for inference, when no gradient will be asked for: the 2×2, stride-2 windows of image
// models without the argmax that the backward needs. A window is then three pseudo-maxima
// (f32x4.pmax(a, b) = a < b ? b : a: the training kernel's "v > best" test, taken over the window's
// elements in the same order, so the same value comes out, NaN and signed zeros included) and a
// store, where the training kernel (assembly/conv.ts, maxPool2x2) also selects and stores indices.

/** out[p] = the maxima of the 2×2 windows (stride 2) of planes p0..p1 of x [planes, h, w]; out is [planes, outH, outW]. */
export function maxPool2x2Forward(x: usize, out: usize, h: i32, w: i32, outH: i32, outW: i32, p0: i32, p1: i32): void {
  let o: usize = out + ((<usize>p0 * <usize>outH * <usize>outW) << 2);
  for (let p = p0; p < p1; p++) {
    const plane = x + ((<usize>p * <usize>h * <usize>w) << 2);
    for (let oy = 0; oy < outH; oy++) {
      const r0 = plane + (<usize>(2 * oy * w) << 2);
      const r1 = r0 + (<usize>w << 2);
      let ox = 0;
      for (; ox + 4 <= outW; ox += 4, o += 16) {
        const off = <usize>ox << 3;
        const a0 = v128.load(r0 + off);
        const a1 = v128.load(r0 + off, 16);
        const b0 = v128.load(r1 + off);
        const b1 = v128.load(r1 + off, 16);
        let best = v128.shuffle<f32>(a0, a1, 0, 2, 4, 6);
        best = f32x4.pmax(best, v128.shuffle<f32>(a0, a1, 1, 3, 5, 7));
        best = f32x4.pmax(best, v128.shuffle<f32>(b0, b1, 0, 2, 4, 6));
        best = f32x4.pmax(best, v128.shuffle<f32>(b0, b1, 1, 3, 5, 7));
        v128.store(o, best);
      }
      for (; ox < outW; ox++, o += 4) {
        const a = r0 + (<usize>ox << 3);
        const b = r1 + (<usize>ox << 3);
        let best = load<f32>(a);
        let v = load<f32>(a, 4);
        if (v > best) best = v;
        v = load<f32>(b);
        if (v > best) best = v;
        v = load<f32>(b, 4);
        if (v > best) best = v;
        store<f32>(o, best);
      }
    }
  }
}
