import { main } from '@hyperspec/cli';

/**
 * Runs the CLI's `main` in this process, as `bin.js` calls it, capturing what it writes: the same code
 * as the `hyperspec` command without starting a process (and loading every plugin) for each call.
 */
export async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}
