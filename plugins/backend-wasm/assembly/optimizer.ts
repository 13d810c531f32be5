// Optimizer updates over flat parameter arrays.

import { madd } from './madd';

/**
 * Adam (Kingma & Ba 2015) with PyTorch's bias-correction arrangement:
 *   g ← g + weightDecay·p;  m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;
 *   p ← p − (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + ε)
 * for n floats, updating p, m and v in place. With `zeroGrad`, g is set to zero as it is read: the
 * gradient zeroed for the next step's accumulation without a second pass over it (the lines are in
 * cache here; a separate fill reads them back from memory).
 */
export function adam(p: usize, g: usize, m: usize, v: usize, n: i32, lr: f64, beta1: f64, beta2: f64, eps: f64, step: f64, weightDecay: f64,
  zeroGrad: bool): void {
  const bc1 = 1 - Math.pow(beta1, step);
  const bc2 = 1 - Math.pow(beta2, step);
  const stepSize = f32x4.splat(<f32>(lr / bc1));
  const invBc2Sqrt = f32x4.splat(<f32>(1 / Math.sqrt(bc2)));
  const b1 = f32x4.splat(<f32>beta1);
  const c1 = f32x4.splat(<f32>(1 - beta1));
  const b2 = f32x4.splat(<f32>beta2);
  const c2 = f32x4.splat(<f32>(1 - beta2));
  const ve = f32x4.splat(<f32>eps);
  const wd = f32x4.splat(<f32>weightDecay);
  const decay = weightDecay != 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const off = <usize>i << 2;
    const pv = v128.load(p + off);
    let gv = v128.load(g + off);
    if (zeroGrad) v128.store(g + off, f32x4.splat(0));
    if (decay) gv = madd(wd, pv, gv);
    const mv = madd(b1, v128.load(m + off), f32x4.mul(c1, gv));
    const vv = madd(b2, v128.load(v + off), f32x4.mul(c2, f32x4.mul(gv, gv)));
    v128.store(m + off, mv);
    v128.store(v + off, vv);
    const denom = madd(f32x4.sqrt(vv), invBc2Sqrt, ve);
    v128.store(p + off, f32x4.sub(pv, f32x4.div(f32x4.mul(stepSize, mv), denom)));
  }
  const sS = <f32>(lr / bc1), ib = <f32>(1 / Math.sqrt(bc2)), fb1 = <f32>beta1, fc1 = <f32>(1 - beta1);
  const fb2 = <f32>beta2, fc2 = <f32>(1 - beta2), fe = <f32>eps, fwd = <f32>weightDecay;
  for (; i < n; i++) {
    const off = <usize>i << 2;
    const pv = load<f32>(p + off);
    let gv = load<f32>(g + off);
    if (zeroGrad) store<f32>(g + off, 0);
    if (decay) gv += fwd * pv;
    const mv = fb1 * load<f32>(m + off) + fc1 * gv;
    const vv = fb2 * load<f32>(v + off) + fc2 * (gv * gv);
    store<f32>(m + off, mv);
    store<f32>(v + off, vv);
    store<f32>(p + off, pv - (sS * mv) / (Mathf.sqrt(vv) * ib + fe));
  }
}
