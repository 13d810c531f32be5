// Compiles assembly/ into the two kernel modules with the pinned AssemblyScript compiler:
//   wasm/kernels.wasm          WebAssembly SIMD (runs on every engine with SIMD and threads)
//   wasm/kernels-relaxed.wasm  the same source with relaxed SIMD: multiply-adds are f32x4.relaxed_madd
//                              (FMA on x64), used where the engine accepts it (src/kernel-module.ts)
// The outputs are committed (see README.md): `tsc -b` cannot run asc, and deterministic ~25 kB
// binaries in the repository mean neither `pnpm test` nor a user's install needs a compile step.
// test/kernels-wasm-fresh.test.ts rebuilds both into a temporary folder and fails if they differ.
import { main } from 'assemblyscript/asc';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The two modules: file name under wasm/ and the extra features each is compiled with. */
export const KERNEL_MODULES = [
  { file: 'kernels.wasm', features: [] },
  { file: 'kernels-relaxed.wasm', features: ['relaxed-simd'] },
];

/** The asc command line; exported so the freshness test compiles exactly the same way. */
export function ascArgs(outFile, features = []) {
  return [
    path.join(root, 'assembly/index.ts'),
    '--outFile', outFile,
    '-O3', '--noAssert',
    '--runtime', 'stub',
    '--enable', 'simd', '--enable', 'threads',
    ...features.flatMap((f) => ['--enable', f]),
    '--importMemory', '--sharedMemory', '--noExportMemory',
    '--initialMemory', '1', '--maximumMemory', '65536',
  ];
}

/** Compiles every module into `outDir` (default wasm/); returns the paths written. */
export async function buildKernels(outDir = path.join(root, 'wasm')) {
  const written = [];
  for (const { file, features } of KERNEL_MODULES) {
    const outFile = path.join(outDir, file);
    const { error, stderr } = await main(ascArgs(outFile, features));
    if (error) throw new Error(`asc failed on ${file}: ${error.message}\n${stderr.toString()}`);
    written.push(outFile);
  }
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const out of await buildKernels(process.argv[2])) console.log(`built ${path.relative(process.cwd(), out)}`);
}
