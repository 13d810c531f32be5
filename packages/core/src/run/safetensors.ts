import { readFileSync } from 'node:fs';
import { HyperspecError } from '../errors/hyperspec-error.js';
import { atomicWriteFile } from '../util/atomic-write.js';

export interface NamedArray {
  shape: readonly number[];
  data: Float32Array;
}

/**
 * Writes tensors in the safetensors layout (8-byte little-endian header length, JSON header with
 * dtype/shape/data_offsets, then the raw little-endian bytes), so trained parameters open in other
 * tools. The file is written atomically.
 */
export function writeSafetensors(path: string, tensors: Record<string, NamedArray>, metadata: Record<string, string> = {}): void {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  const names = Object.keys(tensors);
  for (const name of names) {
    const bytes = tensors[name].data.length * 4;
    header[name] = { dtype: 'F32', shape: tensors[name].shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  // Pad the header to a multiple of 8 so the data that follows stays aligned.
  json += ' '.repeat((8 - (Buffer.byteLength(json) % 8)) % 8);
  const headerBytes = Buffer.from(json, 'utf8');
  const out = Buffer.alloc(8 + headerBytes.length + offset);
  out.writeBigUInt64LE(BigInt(headerBytes.length), 0);
  headerBytes.copy(out, 8);
  let pos = 8 + headerBytes.length;
  for (const name of names) {
    const d = tensors[name].data;
    Buffer.from(d.buffer, d.byteOffset, d.byteLength).copy(out, pos);
    pos += d.byteLength;
  }
  atomicWriteFile(path, out);
}

export function readSafetensors(path: string): { tensors: Record<string, NamedArray>; metadata: Record<string, string> } {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new HyperspecError('data', `cannot read parameters from ${path}: ${(e as Error).message}`, { cause: e });
  }
  const len = Number(buf.readBigUInt64LE(0));
  const header = JSON.parse(buf.subarray(8, 8 + len).toString('utf8')) as Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  const base = 8 + len;
  const tensors: Record<string, NamedArray> = {};
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = entry as unknown as Record<string, string>;
      continue;
    }
    if (entry.dtype !== 'F32') throw new HyperspecError('data', `${path}: tensor ${name} has dtype ${entry.dtype}; only F32 is supported`);
    const [a, b] = entry.data_offsets;
    const data = new Float32Array((b - a) / 4);
    Buffer.from(data.buffer).set(buf.subarray(base + a, base + b));
    tensors[name] = { shape: entry.shape, data };
  }
  return { tensors, metadata };
}
