import { constants } from 'node:buffer';
import { HyperspecError } from '../errors/hyperspec-error.js';
import { atomicWriteFile } from '../util/atomic-write.js';
import { readRegularFile } from '../util/read-regular-file.js';

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

/** dtypes of the safetensors format (https://huggingface.co/docs/safetensors); hyperspec reads F32. */
const KNOWN_DTYPES = new Set(['F64', 'F32', 'F16', 'BF16', 'F8_E4M3', 'F8_E5M2', 'I64', 'I32', 'I16', 'I8', 'U64', 'U32', 'U16', 'U8', 'BOOL']);
/** A header larger than this is refused before it is parsed (the format's own reference reader uses 100 MB). */
const MAX_HEADER_BYTES = 100_000_000;

const isIndex = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

/**
 * Parses safetensors bytes, checking everything a corrupt or hostile file could get wrong: the header
 * length against the file size, the header as JSON, each tensor's dtype (known, and F32), shape
 * (non-negative integers) and byte range (inside the data, as long as the shape needs, not overlapping
 * another). Any problem is a `data` error naming `source` and what is wrong.
 */
export function parseSafetensors(buf: Uint8Array, source: string, hint?: string): { tensors: Record<string, NamedArray>; metadata: Record<string, string> } {
  const fail = (what: string): never => {
    throw new HyperspecError('data', `${source} is not a valid safetensors file: ${what}`, { hint });
  };
  if (buf.length < 8) fail(`it has ${buf.length} bytes, fewer than the 8 of the header length`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const len = view.getBigUint64(0, true);
  if (len > BigInt(buf.length - 8)) fail(`the header length (${len} bytes) is larger than the rest of the file (${buf.length - 8} bytes); the file is truncated or garbled`);
  if (len > BigInt(MAX_HEADER_BYTES)) fail(`the header length (${len} bytes) is more than ${MAX_HEADER_BYTES}`);
  const base = 8 + Number(len);
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(buf.buffer, buf.byteOffset + 8, Number(len)).toString('utf8'));
  } catch (e) {
    return fail(`its header is not JSON (${(e as Error).message})`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) return fail('its header is not a JSON object');
  const dataBytes = buf.length - base;
  const tensors: Record<string, NamedArray> = {};
  let metadata: Record<string, string> = {};
  const ranges: [number, number, string][] = [];
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry) || Object.values(entry).some((v) => typeof v !== 'string')) fail('__metadata__ is not a mapping of strings');
      metadata = entry as Record<string, string>;
      continue;
    }
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return fail(`the entry of tensor "${name}" is not an object`);
    const { dtype, shape, data_offsets: offsets } = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof dtype !== 'string' || !KNOWN_DTYPES.has(dtype)) fail(`tensor "${name}" has an unknown dtype ${JSON.stringify(dtype)}`);
    if (dtype !== 'F32') fail(`tensor "${name}" has dtype ${String(dtype)}; hyperspec reads only F32`);
    if (!Array.isArray(shape) || shape.length > 16 || !shape.every(isIndex)) return fail(`tensor "${name}" has no valid shape (a list of non-negative integers), got ${JSON.stringify(shape)}`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isIndex) || offsets[0] > offsets[1]) {
      return fail(`tensor "${name}" has no valid data_offsets (two non-negative integers, begin ≤ end), got ${JSON.stringify(offsets)}`);
    }
    const [a, b] = offsets as [number, number];
    if (b > dataBytes) fail(`tensor "${name}" ends at byte ${b} of the data, but the data has ${dataBytes} bytes; the file is truncated`);
    const count = (shape as number[]).reduce((x, d) => x * d, 1);
    if (b - a !== count * 4) fail(`tensor "${name}" of shape [${(shape as number[]).join(', ')}] needs ${count * 4} bytes, but its data_offsets span ${b - a}`);
    ranges.push([a, b, name]);
    const data = new Float32Array(count);
    new Uint8Array(data.buffer).set(buf.subarray(base + a, base + b));
    tensors[name] = { shape: shape as number[], data };
  }
  ranges.sort((p, q) => p[0] - q[0]);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i][0] < ranges[i - 1][1]) fail(`the data of tensors "${ranges[i - 1][2]}" and "${ranges[i][2]}" overlap`);
  }
  return { tensors, metadata };
}

/** Reads and checks a safetensors file (see `parseSafetensors`); it must be a regular file. */
export function readSafetensors(path: string, hint?: string): { tensors: Record<string, NamedArray>; metadata: Record<string, string> } {
  return parseSafetensors(readRegularFile(path, { maxBytes: constants.MAX_LENGTH, what: 'safetensors file', hint }), path, hint);
}
