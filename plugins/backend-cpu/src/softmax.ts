export function softmax(x: Float32Array, rows: number, cols: number, out: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let m = -Infinity;
    for (let c = 0; c < cols; c++) if (x[o + c] > m) m = x[o + c];
    let s = 0;
    for (let c = 0; c < cols; c++) {
      const e = Math.exp(x[o + c] - m);
      out[o + c] = e;
      s += e;
    }
    const inv = 1 / s;
    for (let c = 0; c < cols; c++) out[o + c] *= inv;
  }
}

export function logSoftmax(x: Float32Array, rows: number, cols: number, out: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let m = -Infinity;
    for (let c = 0; c < cols; c++) if (x[o + c] > m) m = x[o + c];
    let s = 0;
    for (let c = 0; c < cols; c++) s += Math.exp(x[o + c] - m);
    const lse = m + Math.log(s);
    for (let c = 0; c < cols; c++) out[o + c] = x[o + c] - lse;
  }
}

export function softmaxCrossEntropy(logits: Float32Array, labels: Float32Array, rows: number, cols: number, loss: Float32Array, probs: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let m = -Infinity;
    for (let c = 0; c < cols; c++) if (logits[o + c] > m) m = logits[o + c];
    let s = 0;
    for (let c = 0; c < cols; c++) {
      const e = Math.exp(logits[o + c] - m);
      probs[o + c] = e;
      s += e;
    }
    const inv = 1 / s;
    for (let c = 0; c < cols; c++) probs[o + c] *= inv;
    loss[r] = m + Math.log(s) - logits[o + labels[r]];
  }
}

export function pick(x: Float32Array, idx: Float32Array, rows: number, cols: number, out: Float32Array): void {
  for (let r = 0; r < rows; r++) out[r] = x[r * cols + idx[r]];
}

export function pickGrad(dy: Float32Array, idx: Float32Array, rows: number, cols: number, dx: Float32Array): void {
  dx.fill(0, 0, rows * cols);
  for (let r = 0; r < rows; r++) dx[r * cols + idx[r]] = dy[r];
}
