// One measurement in its own process (see isolated-system.ts):
//   node dist/engine/measure.js SYSTEM sgemm N | train mlp|cnn | alloc  [--smoke] [--capture]
// --capture (hyperspec systems): each training step captured once with engine.capture and replayed
// (BenchStep); without it the steps run eagerly, as the report's rows do.
// Prints one JSON line; failures print {"error": "..."} so the parent records them.
import { loadMnist } from './mnist.js';
import { createSystem } from './system-factory.js';
import { HyperspecSystem } from './systems/hyperspec-system.js';
import { workloads } from './workloads.js';

async function measure(argv: string[]): Promise<unknown> {
  const smoke = argv.includes('--smoke');
  const capture = argv.includes('--capture');
  const [name, task, arg] = argv.filter((a) => a !== '--smoke' && a !== '--capture');
  const w = workloads(smoke);
  const system = await createSystem(name, capture);
  try {
    if (task === 'sgemm' && system.sgemm) return { seconds: await system.sgemm(Number(arg)) };
    if (task === 'train' && (arg === 'mlp' || arg === 'cnn')) {
      const data = loadMnist(w[arg].trainImages, w[arg].testImages);
      const result = await system.train(w[arg], () => data);
      // resourceUsage().maxRSS is in KiB (getrusage's ru_maxrss), as Python's resource module reports it.
      return { ...result, peakRssMb: process.resourceUsage().maxRSS / 1024 };
    }
    if (task === 'alloc' && system instanceof HyperspecSystem) {
      return system.allocationCounters(w.mlp, loadMnist(w.mlp.trainImages, 1), w.allocSteps);
    }
    throw new Error(`cannot measure ${task} ${arg ?? ''} on ${name}`);
  } finally {
    await system.dispose();
  }
}

measure(process.argv.slice(2)).then(
  (result) => console.log(JSON.stringify(result)),
  (e: unknown) => console.log(JSON.stringify({ error: e instanceof Error ? e.message.split('\n')[0] : String(e) })),
);
