import { CNN_FLOPS_PER_SAMPLE, fmt, MLP_FLOPS_PER_SAMPLE } from './report-format.js';
import type { EngineResults } from './run-engine-bench.js';
import { workloads } from './workloads.js';

/** "What limits each workload": how each is measured and what the default backend does, with its measured rates. */
export function engineLimits(r: EngineResults): string[] {
  const d = r.defaultSystem;
  const w = workloads(r.smoke);
  const s512 = r.sgemm['512']?.[d]?.median ?? NaN;
  const mlpRate = (MLP_FLOPS_PER_SAMPLE * w.mlp.trainImages) / (r.mlp[d]?.seconds.median ?? NaN) / 1e9;
  const cnnRate = (CNN_FLOPS_PER_SAMPLE * w.cnn.trainImages) / (r.cnn[d]?.seconds.median ?? NaN) / 1e9;
  const tfwCnn = r.cnn['tfjs-wasm']?.failed;
  return [
    `- **sgemm** is compute-bound. ${d} runs at ${fmt(s512, 1)} GFLOP/s at n=512. WebAssembly SIMD is 128 bits wide: the wasm backend's kernels use relaxed SIMD's fused multiply–add (\`f32x4.relaxed_madd\`; Node 20 has it behind a V8 flag, which the backend sets before compiling, and falls back to plain SIMD, a multiply and an add, where it is missing), 4 lanes per instruction, where OpenBLAS under PyTorch uses the CPU's 8- or 16-lane vector instructions. The scalar TypeScript backend does one multiply–add per instruction on one thread. Every system's product is timed alone, its result left in the backend's memory: tfjs computes a kernel synchronously inside the \`matMul\` call, and the result is downloaded (\`dataSync\`) after the timer stops. An earlier version of this bench returned the downloaded array from \`tf.tidy\`, which walks every key of a returned object looking for tensors (262,144 keys at n=512), and so understated both tfjs backends.`,
    `- **W-MLP** (${fmt((MLP_FLOPS_PER_SAMPLE * w.mlp.trainImages) / 1e9, 1)} GFLOP per epoch) is matmul-bound with small operands: batch 64 makes every product 64 rows tall, so packing, the two-thread hand-off and per-op overhead (tensor objects, tape closures, JavaScript loops in core's ops) weigh more than in sgemm; ${d} sustains ${fmt(mlpRate, 1)} GFLOP/s over the epoch. Each dense layer's bias and ReLU are applied as its product is stored, and the Adam update is one fused kernel over each flat parameter array.`,
    `- **W-CNN** (${fmt((CNN_FLOPS_PER_SAMPLE * w.cnn.trainImages) / 1e9, 1)} GFLOP per epoch) is mostly its second convolution (3×3, stride 1, 32 → 64 channels). On the wasm backend that layer's forward and input gradient run Winograd's F(2×2, 3×3) (Lavin & Gray, CVPR 2016): 16 products [out channels × in channels]·[in channels × 2×2 tiles], 2.25× fewer multiplies than the direct sum (a little less where an odd size leaves half-empty tiles); its weight gradient and the other layers are im2col + matmul. ${d} sustains ${fmt(cnnRate, 1)} GFLOP/s, counting the direct convolution's operations (the rate a direct method would need for the same time). Besides the products it moves memory: im2col writes and reads 9× the input, Winograd's transforms pass over the input, the tiles and the output, and ReLU, pooling and their gradients are passes over memory. The 1-channel first layer's patches (k = 9) are too short for the blocked product: its forward runs image by image, each image's patches in cache, the bias added as each output is stored.${tfwCnn ? ` tfjs-backend-wasm cannot train this network here (${tfwCnn}).` : ''}`,
    `- **hyperspec-train** runs the same networks through the whole user path (spec, dataset plugin, layers, optimizer plugin, metrics, run directory); its rows show what that path adds to the hand-written models of hyperspec-wasm on the same backend. Its accuracy is after all its epochs, so it is not comparable with the one-epoch rows.`,
  ];
}
