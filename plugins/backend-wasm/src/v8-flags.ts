import { setFlagsFromString } from 'node:v8';

/**
 * Runs `fn` with V8 boolean flags switched (`flags` as `name` to set, `no-name` to clear) and puts
 * each back afterwards, unless the process was started with that setting (on its command line or in
 * NODE_OPTIONS), so other code in the process keeps V8's defaults. V8 reads these flags when it
 * validates or compiles a module, so flipping them around one compilation affects only that module.
 */
export function withV8Flags<T>(flags: readonly string[], fn: () => T): T {
  for (const flag of flags) setFlagsFromString(`--${flag}`);
  try {
    return fn();
  } finally {
    const started = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
    for (const flag of flags) {
      if (!started.includes(`--${flag}`)) setFlagsFromString(`--${opposite(flag)}`);
    }
  }
}

function opposite(flag: string): string {
  return flag.startsWith('no-') ? flag.slice(3) : `no-${flag}`;
}
