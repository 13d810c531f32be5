import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTensors, runIn, writeTensors, type BadInput, type Fixtures } from './corpus.js';

const TENSORS = 'checkpoint.e2.safetensors';

/** A case that damages the run fixture's checkpoint with `damage(runDir)` and resumes it. */
function resume(name: string, damage: (run: string) => void, message: RegExp): BadInput {
  return {
    name: `checkpoint: ${name}`,
    group: 'checkpoint',
    setup: (dir: string, fx: Fixtures) => damage(runIn(dir, fx)),
    args: ['train', '--resume', 'run', '--quiet'],
    message,
  };
}

/** Rewrites checkpoint.json through `edit`. */
const state = (edit: (s: Record<string, any>) => unknown) => (run: string) => {
  const file = join(run, 'checkpoint.json');
  const s = JSON.parse(readFileSync(file, 'utf8'));
  const out = edit(s);
  writeFileSync(file, JSON.stringify(out === undefined ? s : out));
};

/** Rewrites the checkpoint's tensors through `edit` (header and data). */
const tensors = (edit: (t: { header: Record<string, any>; data: Buffer }) => { header: unknown; data: Buffer; length?: bigint } | void) => (run: string) => {
  const file = join(run, TENSORS);
  const t = readTensors(file);
  const out = edit(t) ?? t;
  writeTensors(file, out.header, out.data, (out as { length?: bigint }).length);
};

const bytes = (b: Uint8Array | string) => (run: string) => writeFileSync(join(run, TENSORS), b);
const NOT_VALID = /run\/checkpoint\.e2\.safetensors is not a valid safetensors file: /;

export const checkpointCases: BadInput[] = [
  resume('checkpoint.json of 0 bytes', (run) => writeFileSync(join(run, 'checkpoint.json'), ''), /run\/checkpoint\.json is not valid JSON .*truncated or garbled[\s\S]*hint: the run cannot continue from it/),
  resume('checkpoint.json cut in half', (run) => {
    const f = join(run, 'checkpoint.json');
    const t = readFileSync(f, 'utf8');
    writeFileSync(f, t.slice(0, t.length >> 1));
  }, /run\/checkpoint\.json is not valid JSON/),
  resume('checkpoint.json garbage bytes', (run) => writeFileSync(join(run, 'checkpoint.json'), Buffer.from([0xde, 0xad, 0xbe, 0xef])), /run\/checkpoint\.json is not valid JSON/),
  resume('checkpoint.json a list', state(() => [1, 2, 3]), /run\/checkpoint\.json is not a valid checkpoint: it is not a JSON object/),
  resume('checkpoint.json null', state(() => null), /run\/checkpoint\.json is not a valid checkpoint: it is not a JSON object/),
  resume('epoch -1', state((s) => void (s.epoch = -1)), /checkpoint\.json is not a valid checkpoint: "epoch" is -1, not a count of epochs/),
  resume('epoch a string', state((s) => void (s.epoch = 'two')), /"epoch" is "two", not a count of epochs/),
  resume('epoch 1e300', state((s) => void (s.epoch = 1e300)), /"epoch" is 1e\+300, not a count of epochs/),
  resume('epoch past the spec', state((s) => {
    s.epoch = 50;
    s.history = Array.from({ length: 50 }, () => ({ loss: 1 }));
    s.parameters = 'checkpoint.e50.safetensors';
  }), /run\/checkpoint\.e50\.safetensors|checkpoint\.json is at epoch 50, past the spec's 2 epochs/),
  resume('step negative', state((s) => void (s.step = -3)), /"step" is -3, not a count of steps/),
  resume('rng missing', state((s) => void delete s.rng), /"rng" is not the state of the shuffling generator/),
  resume('rng of strings', state((s) => void (s.rng = ['a', 'b', 'c', 'd'])), /"rng" is not the state of the shuffling generator/),
  resume('history shorter than the epochs', state((s) => void (s.history = [])), /"history" does not hold one entry per completed epoch \(2\)/),
  resume('history of strings', state((s) => void (s.history = ['a', 'b'])), /"history" entries are not metrics/),
  resume('optimizer missing', state((s) => void delete s.optimizer), /"optimizer" is not an object/),
  resume('optimizer state of another optimizer', state((s) => void (s.optimizer.optimizer = 'adam')), /run\/checkpoint\.json|optimizer "sgd" cannot load the state of optimizer "adam"/),
  resume('optimizer slot of strings', state((s) => void (s.optimizer.slots = { '0.weight': { momentum_buffer: ['x'] } })), /optimizer "sgd": the saved state of parameter "0\.weight" is not lists of finite numbers/),
  resume('parameters naming a path outside the run', state((s) => void (s.parameters = '../../etc/passwd')), /"parameters" is "\.\.\/\.\.\/etc\/passwd", not a checkpoint tensor file name/),
  resume('parameters naming a missing file', state((s) => void (s.parameters = 'checkpoint.e9.safetensors')), /cannot read safetensors file .*run\/checkpoint\.e9\.safetensors: no such file or directory/),
  resume('dropout state garbage', state((s) => void (s.layers = { 1: 'zzz' })), /run\/checkpoint\.json: the saved layer state cannot be restored|dropout: the saved mask generator state is not 4 32-bit integers/),
  resume('layers not an object', state((s) => void (s.layers = 5)), /"layers" is not an object/),
  resume('checkpoint.json a directory', (run) => {
    rmSync(join(run, 'checkpoint.json'));
    mkdirSync(join(run, 'checkpoint.json'));
  }, /cannot read checkpoint .*run\/checkpoint\.json: it is a directory, not a regular file/),
  resume('tensors of 0 bytes', bytes(''), new RegExp(NOT_VALID.source + 'it has 0 bytes, fewer than the 8 of the header length')),
  resume('tensors of 5 bytes', bytes('abcde'), new RegExp(NOT_VALID.source + 'it has 5 bytes')),
  resume('header length 2^60', tensors((t) => ({ ...t, length: 2n ** 60n })), new RegExp(NOT_VALID.source + 'the header length \\(1152921504606846976 bytes\\) is larger than the rest of the file')),
  resume('header length 2^64 - 1', tensors((t) => ({ ...t, length: 2n ** 64n - 1n })), new RegExp(NOT_VALID.source + 'the header length \\(18446744073709551615 bytes\\) is larger')),
  resume('header not JSON', tensors((t) => ({ header: 'x', data: t.data, length: undefined })), new RegExp(NOT_VALID.source + 'its header is not a JSON object')),
  resume('header cut short', (run) => {
    const f = join(run, TENSORS);
    const b = readFileSync(f);
    writeFileSync(f, b.subarray(0, 40));
  }, new RegExp(NOT_VALID.source + 'the header length .* is larger than the rest of the file')),
  resume('data truncated', (run) => {
    const f = join(run, TENSORS);
    const b = readFileSync(f);
    writeFileSync(f, b.subarray(0, b.length - 16));
  }, new RegExp(NOT_VALID.source + 'tensor ".*" ends at byte \\d+ of the data, but the data has \\d+ bytes; the file is truncated')),
  resume('dtype F16', tensors((t) => void (t.header['0.bias'].dtype = 'F16')), new RegExp(NOT_VALID.source + 'tensor "0\\.bias" has dtype F16; hyperspec reads only F32')),
  resume('dtype unknown', tensors((t) => void (t.header['0.bias'].dtype = 'Q7')), new RegExp(NOT_VALID.source + 'tensor "0\\.bias" has an unknown dtype "Q7"')),
  resume('shape with a negative size', tensors((t) => void (t.header['0.bias'].shape = [-4])), new RegExp(NOT_VALID.source + 'tensor "0\\.bias" has no valid shape')),
  resume('offsets reversed', tensors((t) => void (t.header['0.bias'].data_offsets = [t.header['0.bias'].data_offsets[1], t.header['0.bias'].data_offsets[0]])), new RegExp(NOT_VALID.source + 'tensor "0\\.bias" has no valid data_offsets')),
  resume('offsets past the end', tensors((t) => void (t.header['0.bias'].data_offsets = [0, 1e9])), new RegExp(NOT_VALID.source + 'tensor "0\\.bias" ends at byte 1000000000')),
  resume('offsets not matching the shape', tensors((t) => void (t.header['0.bias'].shape = [5])), new RegExp(NOT_VALID.source + 'tensor "0\\.bias" of shape \\[5\\] needs 20 bytes, but its data_offsets span 32')),
  resume('overlapping tensors', tensors((t) => {
    const [a] = t.header['0.weight'].data_offsets;
    t.header['0.bias'].data_offsets = [a, a + 32];
  }), new RegExp(NOT_VALID.source + 'the data of tensors .* overlap')),
  resume('metadata not strings', tensors((t) => void (t.header.__metadata__ = { epoch: 2 })), new RegExp(NOT_VALID.source + '__metadata__ is not a mapping of strings')),
  resume('tensors of another epoch', tensors((t) => void (t.header.__metadata__ = { epoch: '1' })), /the checkpoint in .*run is inconsistent \(state at epoch 2, parameters at 1\)/),
  resume('a [4, 8] weight stored as [8, 4]', tensors((t) => void (t.header['0.weight'].shape = [...t.header['0.weight'].shape].reverse())), /run\/checkpoint\.e2\.safetensors does not match the model: tensor "0\.weight" has shape \[8, 4\], the model's is \[4, 8\]/),
  resume('a tensor missing', tensors((t) => void delete t.header['2.bias']), /run\/checkpoint\.e2\.safetensors does not match the model: tensor "2\.bias" is missing/),
  resume('a tensor the model lacks', tensors((t) => {
    const end = Math.max(...Object.values(t.header).filter((e: any) => e.data_offsets).map((e: any) => e.data_offsets[1]));
    t.header['9.weight'] = { dtype: 'F32', shape: [1], data_offsets: [end, end + 4] };
    return { header: t.header, data: Buffer.concat([t.data, Buffer.alloc(4)]) };
  }), /run\/checkpoint\.e2\.safetensors does not match the model: it holds a tensor "9\.weight" the model does not have/),
  resume('NaN weights', tensors((t) => {
    const [a] = t.header['0.weight'].data_offsets;
    t.data.writeFloatLE(NaN, a + 4);
  }), /run\/checkpoint\.e2\.safetensors: tensor "0\.weight" holds NaN at index 1; the weights diverged before they were saved/),
  resume('infinite weights', tensors((t) => {
    const [a] = t.header['2.weight'].data_offsets;
    t.data.writeFloatLE(Infinity, a);
  }), /tensor "2\.weight" holds Infinity at index 0/),
  resume('tensors a directory', (run) => {
    rmSync(join(run, TENSORS));
    mkdirSync(join(run, TENSORS));
  }, /cannot read safetensors file .*checkpoint\.e2\.safetensors: it is a directory, not a regular file/),
];
