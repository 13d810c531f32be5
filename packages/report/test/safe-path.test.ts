import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInside } from '../src/dashboard/safe-path.js';

describe('resolveInside', () => {
  const base = mkdtempSync(join(tmpdir(), 'hs-safe-'));
  const root = join(base, 'root');
  mkdirSync(join(root, 'a', 'b c'), { recursive: true });
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'outside', 'secret'), 'x');
  symlinkSync(join(base, 'outside'), join(root, 'out'));
  symlinkSync(join(root, 'a'), join(root, 'alias'));

  it('maps encoded paths inside the root', () => {
    expect(resolveInside(root, '')).toEqual({ ok: true, path: root, rel: '' });
    expect(resolveInside(root, '/a/b%20c/')).toEqual({ ok: true, path: join(root, 'a', 'b c'), rel: 'a/b c' });
    // A link that stays inside the root is followed.
    expect(resolveInside(root, 'alias')).toMatchObject({ ok: true });
    expect(resolveInside(root, 'a/missing')).toEqual({ ok: false, status: 404 });
    expect(resolveInside(root, 'a/%E0%A4%A')).toEqual({ ok: false, status: 404 });
  });

  it('refuses dot segments (encoded too), encoded separators, NUL and links out of the root', () => {
    for (const p of ['..', 'a/../..', '%2e%2e', '%2E%2e/outside', 'a/%2e', '..%2foutside', '..%5coutside', 'a%2f..%2f..', '%00', 'out', 'out/secret']) {
      expect(resolveInside(root, p), p).toEqual({ ok: false, status: 403 });
    }
    // An absolute path is just segments under the root: not found there.
    expect(resolveInside(root, join(base, 'outside'))).toEqual({ ok: false, status: 404 });
  });
});
