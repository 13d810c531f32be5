/**
 * Box-constrained limited-memory BFGS (Nocedal, "Updating quasi-Newton matrices with limited
 * storage", Math. Comp. 1980), simplified to a projected variant: variables on a bound whose gradient
 * pushes outward are frozen for the step, the quasi-Newton direction is followed along the projected
 * path, and an Armijo backtracking search picks the step. Enough for smooth low-dimensional problems
 * (GP hyperparameters, acquisition functions).
 */
export interface LbfgsOptions {
  lower: Float64Array;
  upper: Float64Array;
  maxIterations: number;
  /** Stop when the projected gradient's largest entry is below this. */
  gradientTolerance?: number;
  memory?: number;
  /** Largest coordinate move of a steepest-descent step (default 1). */
  firstStep?: number;
}

/** `evaluate` returns f(x) and writes ∇f(x) into `grad`. Returns the best point found and its value. */
export function minimizeLbfgs(evaluate: (x: Float64Array, grad: Float64Array) => number, x0: Float64Array, o: LbfgsOptions): { x: Float64Array; f: number; evaluations: number } {
  const n = x0.length;
  const m = o.memory ?? 8;
  const tol = o.gradientTolerance ?? 1e-6;
  const project = (v: Float64Array) => {
    for (let i = 0; i < n; i++) v[i] = Math.min(o.upper[i], Math.max(o.lower[i], v[i]));
  };
  let x = Float64Array.from(x0);
  project(x);
  let g = new Float64Array(n);
  let f = evaluate(x, g);
  let evaluations = 1;
  if (!Number.isFinite(f)) return { x, f, evaluations };
  const ss: Float64Array[] = [];
  const ys: Float64Array[] = [];
  const dir = new Float64Array(n);
  const free = new Uint8Array(n);
  const trial = new Float64Array(n);
  const gTrial = new Float64Array(n);
  for (let iter = 0; iter < o.maxIterations; iter++) {
    let pgMax = 0;
    for (let i = 0; i < n; i++) {
      const atLow = x[i] <= o.lower[i] && g[i] > 0;
      const atHigh = x[i] >= o.upper[i] && g[i] < 0;
      free[i] = atLow || atHigh ? 0 : 1;
      if (free[i]) pgMax = Math.max(pgMax, Math.abs(g[i]));
    }
    if (pgMax < tol) break;
    // Two-loop recursion on the free variables.
    for (let i = 0; i < n; i++) dir[i] = free[i] ? -g[i] : 0;
    const alpha = new Float64Array(ss.length);
    for (let k = ss.length - 1; k >= 0; k--) {
      let sy = 0;
      let sd = 0;
      for (let i = 0; i < n; i++) if (free[i]) {
        sy += ss[k][i] * ys[k][i];
        sd += ss[k][i] * dir[i];
      }
      alpha[k] = sy > 0 ? sd / sy : 0;
      for (let i = 0; i < n; i++) if (free[i]) dir[i] -= alpha[k] * ys[k][i];
    }
    if (ss.length > 0) {
      const k = ss.length - 1;
      let sy = 0;
      let yy = 0;
      for (let i = 0; i < n; i++) if (free[i]) {
        sy += ss[k][i] * ys[k][i];
        yy += ys[k][i] * ys[k][i];
      }
      const gamma = sy > 0 && yy > 0 ? sy / yy : 1;
      for (let i = 0; i < n; i++) dir[i] *= gamma;
      for (let k2 = 0; k2 < ss.length; k2++) {
        let sy2 = 0;
        let yd = 0;
        for (let i = 0; i < n; i++) if (free[i]) {
          sy2 += ss[k2][i] * ys[k2][i];
          yd += ys[k2][i] * dir[i];
        }
        const beta = sy2 > 0 ? yd / sy2 : 0;
        for (let i = 0; i < n; i++) if (free[i]) dir[i] += ss[k2][i] * (alpha[k2] - beta);
      }
    }
    let slope = 0;
    for (let i = 0; i < n; i++) slope += dir[i] * g[i];
    if (!(slope < 0)) {
      // Not a descent direction: restart from steepest descent.
      ss.length = 0;
      ys.length = 0;
      slope = 0;
      for (let i = 0; i < n; i++) {
        dir[i] = free[i] ? -g[i] : 0;
        slope -= dir[i] * dir[i];
      }
      if (slope === 0) break;
    }
    // Without curvature memory, limit the first move so a huge gradient does not fly off.
    let step = 1;
    if (ss.length === 0) {
      let dmax = 0;
      for (let i = 0; i < n; i++) dmax = Math.max(dmax, Math.abs(dir[i]));
      if (dmax > 0) step = Math.min(1, (o.firstStep ?? 1) / dmax);
    }
    let accepted = false;
    let fTrial = f;
    for (let ls = 0; ls < 30; ls++) {
      for (let i = 0; i < n; i++) trial[i] = x[i] + step * dir[i];
      project(trial);
      let decrease = 0;
      for (let i = 0; i < n; i++) decrease += g[i] * (trial[i] - x[i]);
      fTrial = evaluate(trial, gTrial);
      evaluations++;
      if (Number.isFinite(fTrial) && fTrial <= f + 1e-4 * decrease) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = trial[i] - x[i];
      y[i] = gTrial[i] - g[i];
      sy += s[i] * y[i];
    }
    const fPrev = f;
    x = Float64Array.from(trial);
    g = Float64Array.from(gTrial);
    f = fTrial;
    if (sy > 1e-12) {
      ss.push(s);
      ys.push(y);
      if (ss.length > m) {
        ss.shift();
        ys.shift();
      }
    }
    if (Math.abs(fPrev - f) <= 1e-12 * Math.max(1, Math.abs(f))) break;
  }
  return { x, f, evaluations };
}
