// Compiles assembly/ into wasm/kernels.wasm with the pinned AssemblyScript compiler.
// The output is committed (see README.md): `tsc -b` cannot run asc, and a deterministic 25 kB
// binary in the repository means neither `pnpm test` nor a user's install needs a compile step.
// test/kernels-wasm-fresh.test.ts rebuilds into a temporary file and fails if the two differ.
import { main } from 'assemblyscript/asc';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The asc command line; exported so the freshness test compiles exactly the same way. */
export function ascArgs(outFile) {
  return [
    path.join(root, 'assembly/index.ts'),
    '--outFile', outFile,
    '-O3', '--noAssert',
    '--runtime', 'stub',
    '--enable', 'simd', '--enable', 'threads',
    '--importMemory', '--sharedMemory', '--noExportMemory',
    '--initialMemory', '1', '--maximumMemory', '65536',
  ];
}

export async function buildKernels(outFile = path.join(root, 'wasm/kernels.wasm')) {
  const { error, stderr } = await main(ascArgs(outFile));
  if (error) throw new Error(`asc failed: ${error.message}\n${stderr.toString()}`);
  return outFile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildKernels(process.argv[2]);
  console.log(`built ${path.relative(process.cwd(), out)}`);
}
