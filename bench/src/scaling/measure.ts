// hyperspec-wasm's side of the scaling bench in its own process, as PyTorch runs in its own:
//   node dist/scaling/measure.js TRAIN_IMAGES LR SEED POINTS_JSON
// Prints one JSON line: {"threads": N, "seconds": [...]} (one per point) or {"error": "..."}.
import { hyperspecPoints } from './hyperspec-points.js';
import type { ScalingPoint } from './sweeps.js';

const [trainImages, lr, seed, points] = process.argv.slice(2);
hyperspecPoints(JSON.parse(points) as ScalingPoint[], Number(trainImages), Number(lr), Number(seed)).then(
  (times) => console.log(JSON.stringify(times)),
  (e: unknown) => console.log(JSON.stringify({ error: e instanceof Error ? e.message.split('\n')[0] : String(e) })),
);
