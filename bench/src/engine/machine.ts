import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** What the numbers were measured on. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  /** 1-minute load average at the start: other processes share these cores. */
  loadAverage: number;
  flags: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  let flags = '';
  try {
    const line = execFileSync('grep', ['-m1', '^flags', '/proc/cpuinfo'], { encoding: 'utf8' });
    flags = ['avx2', 'fma', 'avx512f'].filter((f) => new RegExp(`\\b${f}\\b`).test(line)).join(' ');
  } catch {
    flags = 'unknown';
  }
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: Number(os.loadavg()[0].toFixed(2)),
    flags,
  };
}
