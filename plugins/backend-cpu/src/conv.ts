import type { Conv2dGeometry } from '@hyperspec/core/tensor';

/**
 * Patch rows (c, ky, kx) by output columns (n, oy, ox): out[c·kh·kw × n·outH·outW], so the
 * convolution is one product weights[o, c·kh·kw] · out. Row (c, ky, kx), column (b, oy, ox) holds
 * x[b, c, oy·strideH + ky − padTop, ox·strideW + kx − padLeft], 0 outside the image.
 */
export function im2col(x: Float32Array, g: Conv2dGeometry, out: Float32Array): void {
  const { n, c, h, w, kh, kw, strideH, strideW, padTop, padLeft, outH, outW } = g;
  let o = 0;
  for (let ch = 0; ch < c; ch++) {
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++) {
        for (let b = 0; b < n; b++) {
          const plane = (b * c + ch) * h * w;
          for (let oy = 0; oy < outH; oy++) {
            const iy = oy * strideH - padTop + ky;
            for (let ox = 0; ox < outW; ox++) {
              const ix = ox * strideW - padLeft + kx;
              out[o++] = iy >= 0 && iy < h && ix >= 0 && ix < w ? x[plane + iy * w + ix] : 0;
            }
          }
        }
      }
    }
  }
}

/** Adjoint of im2col: sums every patch entry back into its image pixel (out overwritten). */
export function col2im(colsData: Float32Array, g: Conv2dGeometry, out: Float32Array): void {
  const { n, c, h, w, kh, kw, strideH, strideW, padTop, padLeft, outH, outW } = g;
  out.fill(0, 0, n * c * h * w);
  let o = 0;
  for (let ch = 0; ch < c; ch++) {
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++) {
        for (let b = 0; b < n; b++) {
          const plane = (b * c + ch) * h * w;
          for (let oy = 0; oy < outH; oy++) {
            const iy = oy * strideH - padTop + ky;
            for (let ox = 0; ox < outW; ox++, o++) {
              const ix = ox * strideW - padLeft + kx;
              if (iy >= 0 && iy < h && ix >= 0 && ix < w) out[plane + iy * w + ix] += colsData[o];
            }
          }
        }
      }
    }
  }
}

export function maxPool2d(x: Float32Array, g: Conv2dGeometry, out: Float32Array, argmax: Int32Array): void {
  const { n, c, h, w, kh, kw, strideH, strideW, padTop, padLeft, outH, outW } = g;
  let o = 0;
  for (let p = 0; p < n * c; p++) {
    const plane = p * h * w;
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++, o++) {
        let best = -Infinity;
        let bestIdx = -1;
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * strideH - padTop + ky;
          if (iy < 0 || iy >= h) continue;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * strideW - padLeft + kx;
            if (ix < 0 || ix >= w) continue;
            const v = x[plane + iy * w + ix];
            if (v > best || bestIdx < 0) {
              best = v;
              bestIdx = plane + iy * w + ix;
            }
          }
        }
        out[o] = best;
        argmax[o] = bestIdx;
      }
    }
  }
}

export function maxPool2dGrad(dy: Float32Array, argmax: Int32Array, dx: Float32Array, _g?: Conv2dGeometry): void {
  dx.fill(0);
  for (let i = 0; i < dy.length; i++) dx[argmax[i]] += dy[i];
}

export function avgPool2d(x: Float32Array, g: Conv2dGeometry, out: Float32Array): void {
  const { n, c, h, w, kh, kw, strideH, strideW, padTop, padLeft, outH, outW } = g;
  const inv = 1 / (kh * kw);
  let o = 0;
  for (let p = 0; p < n * c; p++) {
    const plane = p * h * w;
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++, o++) {
        let s = 0;
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * strideH - padTop + ky;
          if (iy < 0 || iy >= h) continue;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * strideW - padLeft + kx;
            if (ix >= 0 && ix < w) s += x[plane + iy * w + ix];
          }
        }
        out[o] = s * inv;
      }
    }
  }
}

export function avgPool2dGrad(dy: Float32Array, g: Conv2dGeometry, dx: Float32Array): void {
  const { n, c, h, w, kh, kw, strideH, strideW, padTop, padLeft, outH, outW } = g;
  const inv = 1 / (kh * kw);
  dx.fill(0, 0, n * c * h * w);
  let o = 0;
  for (let p = 0; p < n * c; p++) {
    const plane = p * h * w;
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++, o++) {
        const v = dy[o] * inv;
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * strideH - padTop + ky;
          if (iy < 0 || iy >= h) continue;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * strideW - padLeft + kx;
            if (ix >= 0 && ix < w) dx[plane + iy * w + ix] += v;
          }
        }
      }
    }
  }
}
