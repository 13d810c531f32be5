import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hyperspec, tempDir } from './cli-helpers.js';

describe('hyperspec report and dashboard: wrong input', () => {
  it('report names a directory that is neither a run nor a study, exit 1 without a stack trace', () => {
    const empty = join(tempDir(), 'empty');
    mkdirSync(empty);
    const r = hyperspec(['report', empty]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${empty} is neither a run directory (no spec.resolved.yaml) nor a study directory`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const missing = hyperspec(['report', join(empty, 'nope')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('is not a directory');
    expect(hyperspec(['report']).code).toBe(1);
  });

  it('dashboard refuses a missing folder, a bad port and a --storage that is not a database URL', () => {
    const r = hyperspec(['dashboard', join(tempDir(), 'nope')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not a directory');
    const port = hyperspec(['dashboard', tempDir(), '--port', 'eighty']);
    expect(port.code).toBe(1);
    expect(port.stderr).toContain('--port: expected a port number 0–65535 (got eighty)');
    const storage = hyperspec(['dashboard', tempDir(), '--storage', 'study.db']);
    expect(storage.code).toBe(1);
    expect(storage.stderr).toContain('--storage: expected a postgres:// URL (got "study.db")');
  });
});
