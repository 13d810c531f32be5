import type { Conv2dGeometry } from '../tensor/backend.js';

// Plain float64 loops, written for obviousness rather than speed: the references that the
// conformance suite holds every backend's kernels to where PyTorch fixtures do not reach.

/** C = op(A)·op(B) with A stored [m, k] (or [k, m] when transA) and B stored [k, n] (or [n, k]). */
export function referenceMatmul(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number, transA = false, transB = false): number[] {
  const out = new Array<number>(m * n).fill(0);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
      out[i * n + j] = s;
    }
  }
  return out;
}

/** Cross-correlation of x [n, c, h, w] with w [o, c, kh, kw] over the geometry's window; padding reads 0. */
export function referenceConv2d(x: ArrayLike<number>, weights: ArrayLike<number>, bias: ArrayLike<number> | null, g: Conv2dGeometry, outChannels: number): number[] {
  const out: number[] = [];
  for (let b = 0; b < g.n; b++) {
    for (let o = 0; o < outChannels; o++) {
      for (let oy = 0; oy < g.outH; oy++) {
        for (let ox = 0; ox < g.outW; ox++) {
          let s = bias ? bias[o] : 0;
          for (let ch = 0; ch < g.c; ch++) {
            for (let ky = 0; ky < g.kh; ky++) {
              for (let kx = 0; kx < g.kw; kx++) {
                const iy = oy * g.strideH - g.padTop + ky;
                const ix = ox * g.strideW - g.padLeft + kx;
                if (iy < 0 || iy >= g.h || ix < 0 || ix >= g.w) continue;
                s += x[((b * g.c + ch) * g.h + iy) * g.w + ix] * weights[((o * g.c + ch) * g.kh + ky) * g.kw + kx];
              }
            }
          }
          out.push(s);
        }
      }
    }
  }
  return out;
}

/** Max or mean over each (unpadded) window of x [n, c, h, w]. */
export function referencePool2d(x: ArrayLike<number>, g: Conv2dGeometry, mode: 'max' | 'avg'): number[] {
  const out: number[] = [];
  for (let p = 0; p < g.n * g.c; p++) {
    for (let oy = 0; oy < g.outH; oy++) {
      for (let ox = 0; ox < g.outW; ox++) {
        let acc = mode === 'max' ? -Infinity : 0;
        for (let ky = 0; ky < g.kh; ky++) {
          for (let kx = 0; kx < g.kw; kx++) {
            const v = x[(p * g.h + oy * g.strideH + ky) * g.w + ox * g.strideW + kx];
            acc = mode === 'max' ? Math.max(acc, v) : acc + v;
          }
        }
        out.push(mode === 'max' ? acc : acc / (g.kh * g.kw));
      }
    }
  }
  return out;
}

/** Out-of-place axis permutation of a row-major array. */
export function referenceTranspose(x: ArrayLike<number>, shape: readonly number[], perm: readonly number[]): number[] {
  const outShape = perm.map((p) => shape[p]);
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const size = shape.reduce((a, b) => a * b, 1);
  const out = new Array<number>(size);
  const idx = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < size; i++) {
    let rest = i;
    for (let d = outShape.length - 1; d >= 0; d--) {
      idx[d] = rest % outShape[d];
      rest = Math.floor(rest / outShape[d]);
    }
    let src = 0;
    for (let d = 0; d < perm.length; d++) src += idx[d] * strides[perm[d]];
    out[i] = x[src];
  }
  return out;
}

/** Row-wise log-sum-exp of x viewed as [rows, cols], shifted by the row maximum. */
export function referenceLogSumExp(x: ArrayLike<number>, rows: number, cols: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    let m = -Infinity;
    for (let c = 0; c < cols; c++) m = Math.max(m, x[r * cols + c]);
    let s = 0;
    for (let c = 0; c < cols; c++) s += Math.exp(x[r * cols + c] - m);
    out.push(m + Math.log(s));
  }
  return out;
}
