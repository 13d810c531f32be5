import { HyperspecError } from '@hyperspec/core';

/**
 * The IDX file format, as described on Yann LeCun's MNIST page (http://yann.lecun.com/exdb/mnist/):
 * a magic number (two zero bytes, a type code, the number of dimensions), one big-endian 32-bit size per
 * dimension, then the values in C (row-major) order, big-endian.
 */
export type IdxDataType = 'ubyte' | 'sbyte' | 'short' | 'int' | 'float' | 'double';

const TYPES: Record<number, { type: IdxDataType; bytes: number }> = {
  0x08: { type: 'ubyte', bytes: 1 },
  0x09: { type: 'sbyte', bytes: 1 },
  0x0b: { type: 'short', bytes: 2 },
  0x0c: { type: 'int', bytes: 4 },
  0x0d: { type: 'float', bytes: 4 },
  0x0e: { type: 'double', bytes: 8 },
};

export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** An n-dimensional array read from an IDX file. */
export interface IdxArray {
  dataType: IdxDataType;
  /** Sizes of each dimension; `dims[0]` counts the items kept (images, labels). */
  dims: number[];
  /** Items in the file (`dims[0]` before a limit). */
  total: number;
  /** The values in row-major order. For ubyte data this is a view of the file's bytes, not a copy. */
  data: IdxData;
}

export interface ParseIdxOptions {
  /** Keep only the first `limit` items along the first dimension (the rest is never decoded). */
  limit?: number;
}

/** What the header of an IDX file says. */
export interface IdxHeader {
  dataType: IdxDataType;
  /** Bytes per value. */
  valueBytes: number;
  dims: number[];
  /** Bytes before the first value. */
  headerSize: number;
}

/** Bytes needed to read the header of an IDX file that starts with `first4`. */
export function idxHeaderSize(first4: Uint8Array): number {
  return 4 + 4 * (first4[3] ?? 0);
}

/**
 * Reads and checks an IDX header. `source` names the file in messages; `fileSize` (default: the bytes
 * given) must match what the dimensions promise. A bad magic number, an unknown type code or a size
 * mismatch is a data error.
 */
export function parseIdxHeader(bytes: Uint8Array, source: string, fileSize = bytes.length): IdxHeader {
  const fail = (what: string, hint?: string): never => {
    throw new HyperspecError('data', `IDX file ${source}: ${what}`, { hint });
  };
  if (bytes.length < 4) fail(`only ${bytes.length} bytes, too short for an IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  const kind = TYPES[bytes[2]];
  if (bytes[0] !== 0 || bytes[1] !== 0 || !kind) {
    fail(`bad magic number 0x${magic.toString(16).padStart(8, '0')}`, 'an IDX file starts with two zero bytes, a type code (0x08 ubyte … 0x0e double) and the number of dimensions, e.g. 0x00000803 for MNIST images; is the file gzip-compressed (gunzip it first) or not an IDX file?');
  }
  const ndims = bytes[3];
  if (ndims === 0) fail('the header declares 0 dimensions');
  const headerSize = idxHeaderSize(bytes);
  if (bytes.length < headerSize) fail(`truncated header: ${ndims} dimensions need ${headerSize} bytes, the file has ${fileSize}`);
  const dims: number[] = [];
  for (let d = 0; d < ndims; d++) dims.push(view.getUint32(4 + 4 * d, false));
  const expected = headerSize + dims.reduce((a, b) => a * b, 1) * kind.bytes;
  if (fileSize !== expected) {
    fail(`the header promises ${dims.join('×')} ${kind.type} values (${expected} bytes with the header), but the file has ${fileSize} bytes`,
      fileSize < expected ? 'the file looks truncated; download it again' : undefined);
  }
  return { dataType: kind.type, valueBytes: kind.bytes, dims, headerSize };
}

/** Values per item (the product of all dimensions but the first). */
export function idxItemSize(header: IdxHeader): number {
  return header.dims.slice(1).reduce((a, b) => a * b, 1);
}

/**
 * Decodes the first `count` items from `payload`, the bytes that follow the header (at least
 * `count · itemSize · valueBytes` of them).
 */
export function decodeIdx(header: IdxHeader, payload: Uint8Array, count: number): IdxArray {
  const n = count * idxItemSize(header);
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  return { dataType: header.dataType, dims: [count, ...header.dims.slice(1)], total: header.dims[0], data: decode(payload, view, 0, n, header.dataType) };
}

/** Parses a whole IDX file held in memory (see `parseIdxHeader` for the checks). */
export function parseIdx(bytes: Uint8Array, source: string, options: ParseIdxOptions = {}): IdxArray {
  const header = parseIdxHeader(bytes, source);
  const count = options.limit === undefined ? header.dims[0] : Math.min(options.limit, header.dims[0]);
  return decodeIdx(header, bytes.subarray(header.headerSize), count);
}

/** Values of the given type, converted from big-endian where they span several bytes. */
function decode(bytes: Uint8Array, view: DataView, offset: number, n: number, type: IdxDataType): IdxData {
  switch (type) {
    case 'ubyte':
      return bytes.subarray(offset, offset + n);
    case 'sbyte':
      return new Int8Array(bytes.buffer, bytes.byteOffset + offset, n);
    case 'short': {
      const out = new Int16Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getInt16(offset + 2 * i, false);
      return out;
    }
    case 'int': {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getInt32(offset + 4 * i, false);
      return out;
    }
    case 'float': {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getFloat32(offset + 4 * i, false);
      return out;
    }
    case 'double': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getFloat64(offset + 8 * i, false);
      return out;
    }
  }
}

/** Encodes an array as IDX bytes (big-endian), e.g. to write small test files. */
export function encodeIdx(dataType: IdxDataType, dims: readonly number[], values: ArrayLike<number>): Uint8Array {
  const code = Number(Object.entries(TYPES).find(([, t]) => t.type === dataType)![0]);
  const size = TYPES[code].bytes;
  const headerSize = 4 + 4 * dims.length;
  const out = new Uint8Array(headerSize + values.length * size);
  const view = new DataView(out.buffer);
  out[2] = code;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  for (let i = 0; i < values.length; i++) {
    const o = headerSize + i * size;
    const v = values[i];
    if (dataType === 'ubyte') view.setUint8(o, v);
    else if (dataType === 'sbyte') view.setInt8(o, v);
    else if (dataType === 'short') view.setInt16(o, v, false);
    else if (dataType === 'int') view.setInt32(o, v, false);
    else if (dataType === 'float') view.setFloat32(o, v, false);
    else view.setFloat64(o, v, false);
  }
  return out;
}
