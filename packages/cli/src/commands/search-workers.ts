import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { CliValues } from '../main.js';

export interface WorkerEnd { code: number | null; signal: NodeJS.Signals | null; stderr: string; ran?: number }

/** A `hyperspec search` process started by `--workers`, and how it ended. */
export interface WorkerProcess {
  pid: number | undefined;
  /** Resolves when it exits: its code (or signal), the end of its stderr, and the trials it ran (from its JSON line). */
  done: Promise<WorkerEnd>;
  kill(): void;
}

/** The same search, as a separate process: same spec, plugins, backend and study directory; quiet (this process draws the table). */
export function startWorker(file: string, values: CliValues, studyDir: string): WorkerProcess {
  const args = [process.argv[1], 'search', file, '--quiet', '--study-dir', resolve(studyDir)];
  for (const p of (values.plugin as string[] | undefined) ?? []) args.push('--plugin', p);
  if (typeof values.backend === 'string') args.push('--backend', values.backend);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  // Only the end matters (the error that stopped it); keep the buffer small whatever it prints.
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const done = new Promise<WorkerEnd>((resolveDone) =>
    child.on('close', (code, signal) => {
      let ran: number | undefined;
      try {
        ran = (JSON.parse(stdout.trim().split('\n').pop() ?? '') as { ran?: number }).ran;
      } catch {
        // It printed no result line (it failed): its stderr says why.
      }
      resolveDone({ code, signal, stderr, ran });
    }),
  );
  return { pid: child.pid, done, kill: () => void child.kill('SIGTERM') };
}
