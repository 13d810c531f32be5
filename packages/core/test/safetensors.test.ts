import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSafetensors, writeSafetensors } from '@hyperspec/core/run';

describe('safetensors', () => {
  it('round-trips tensors and metadata in the safetensors layout', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hs-st-')), 'p.safetensors');
    const w = Float32Array.from([1.5, -2, 3.25, 0]);
    const b = Float32Array.from([7]);
    writeSafetensors(file, { w: { shape: [2, 2], data: w }, b: { shape: [1], data: b } }, { seed: '3' });
    const raw = readFileSync(file);
    const headerLength = Number(raw.readBigUInt64LE(0));
    expect(headerLength % 8).toBe(0);
    const header = JSON.parse(raw.subarray(8, 8 + headerLength).toString());
    expect(header.w).toEqual({ dtype: 'F32', shape: [2, 2], data_offsets: [0, 16] });
    expect(header.b).toEqual({ dtype: 'F32', shape: [1], data_offsets: [16, 20] });
    expect(raw.length).toBe(8 + headerLength + 20);
    const back = readSafetensors(file);
    expect(Array.from(back.tensors.w.data)).toEqual(Array.from(w));
    expect(Array.from(back.tensors.b.data)).toEqual([7]);
    expect(back.metadata).toEqual({ seed: '3' });
  });
});
