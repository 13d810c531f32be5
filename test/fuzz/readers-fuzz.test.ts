import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ComponentsToken, Rng, composeRun, createRunContainer, defaultLogger, isHyperspecError, type RunSpec } from '@hyperspec/core';
import { loadModelArrays, parseSafetensors, readCheckpoint, restoreState, runFiles, writeSafetensors } from '@hyperspec/core/run';
import { validateSpec } from '@hyperspec/core/spec';
import { csvDataset } from '@hyperspec/dataset-csv';
import { encodeIdx, parseIdx } from '@hyperspec/dataset-mnist';
import { createDefaultContainer } from 'hyperspec';

/**
 * Random and randomly damaged bytes through every reader of a file a user (or a crash) can hand
 * hyperspec: each returns its data or throws a HyperspecError that is not `internal` — never another
 * exception, never a hang.
 */
const dir = mkdtempSync(join(tmpdir(), 'hs-fuzz-readers-'));
const silent = defaultLogger();
const components = createDefaultContainer([], { backend: 'cpu' }).get(ComponentsToken);

function expectUserError(e: unknown): void {
  if (!isHyperspecError(e) || e.kind === 'internal') throw e;
}

function accepts(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    expectUserError(e);
  }
}

/** A byte string, or a valid file with a few bytes changed, cut short or extended. */
function damaged(valid: Uint8Array) {
  const edit = fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) });
  return fc.oneof(
    fc.uint8Array({ maxLength: 512 }),
    fc.array(edit, { minLength: 1, maxLength: 8 }).map((edits) => {
      const out = Uint8Array.from(valid);
      for (const e of edits) out[e.at % out.length] = e.byte;
      return out;
    }),
    fc.nat().map((n) => valid.subarray(0, n % (valid.length + 1))),
    fc.uint8Array({ minLength: 1, maxLength: 64 }).map((tail) => Uint8Array.from([...valid, ...tail])),
  );
}

const tensorsFile = join(dir, 'valid.safetensors');
writeSafetensors(tensorsFile, { w: { shape: [3, 2], data: Float32Array.from([1, 2, 3, 4, 5, 6]) }, b: { shape: [2], data: Float32Array.from([7, 8]) } }, { epoch: '1' });
const validTensors = new Uint8Array(readFileSync(tensorsFile));

describe('readers under random bytes', () => {
  it('safetensors: a header and tensors, or a data error', () => {
    fc.assert(fc.property(damaged(validTensors), (bytes) => accepts(() => parseSafetensors(bytes, 'x.safetensors'))), { numRuns: 1500, seed: 21 });
  });

  it('safetensors: any 8-byte header length over any header text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.string({ maxLength: 200 }), (length, header) => {
        const len = Buffer.alloc(8);
        len.writeBigUInt64LE(length);
        accepts(() => parseSafetensors(Buffer.concat([len, Buffer.from(header)]), 'x.safetensors'));
      }),
      { numRuns: 800, seed: 22 },
    );
  });

  it('IDX: an array, or a data error', () => {
    const valid = encodeIdx('ubyte', [4, 3, 3], Array.from({ length: 36 }, (_, i) => i));
    const validFloat = encodeIdx('float', [3, 2], [1.5, -2, 3, 0, 1e30, 7]);
    fc.assert(fc.property(fc.oneof(damaged(valid), damaged(validFloat)), fc.option(fc.nat({ max: 10 })), (bytes, limit) => accepts(() => parseIdx(bytes, 'x.idx', { limit: limit ?? undefined }))), { numRuns: 1500, seed: 23 });
  });

  it('CSV: splits, or a data error naming the file', async () => {
    const cellChars = fc.constantFrom(...'0123456789.,-+eE "x\n\r;\t'.split(''), 'nan', 'inf', '0x1', '1e39', 'a,b');
    const text = fc.oneof(
      fc.array(cellChars, { maxLength: 300 }).map((parts) => `a,b,label\n${parts.join('')}`),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
    );
    const file = join(dir, 'd.csv');
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom('classification', 'regression'), fc.constantFrom(0, 0.2), async (csv, task, validation) => {
        writeFileSync(file, csv);
        const dataset = csvDataset.create(
          { path: file, target: 'label', categorical: [], task: task as 'classification', standardize: true, normalize: false, test_split: 0, delimiter: ',', header: true },
          { path: 'data', components, logger: silent, rng: new Rng(1), validation: validation ? { fraction: validation, rng: new Rng(2) } : undefined },
        );
        try {
          const data = await dataset.load();
          for (const v of data.train.x) expect(Number.isFinite(v)).toBe(true);
        } catch (e) {
          expectUserError(e);
        }
      }),
      { numRuns: 600, seed: 24 },
    );
  });

  it('checkpoints: restored into the model, or a data error naming the file', async () => {
    const container = createDefaultContainer([], { backend: 'cpu' });
    const spec = validateSpec({
      data: {
        name: 'fuzz', seed: 3, data: { type: 'iris' }, loss: 'cross_entropy',
        model: { type: 'sequential', layers: [{ type: 'dense', units: 4, activation: 'relu' }, { type: 'dropout', rate: 0.2 }, { type: 'dense', units: 3 }] },
        train: { epochs: 3, optimizer: { type: 'adam', learning_rate: 0.01 } },
      },
    }, container.get(ComponentsToken)) as unknown as RunSpec;
    const run = await composeRun(spec, createRunContainer(container));
    const runDir = join(dir, 'run');
    mkdirSync(runDir, { recursive: true });
    const files = runFiles(runDir);
    const validState = {
      epoch: 1, step: 5, rng: run.rng.getState(), optimizer: run.optimizer.saveState(), history: [{ loss: 1 }],
      parameters: 'checkpoint.e1.safetensors', layers: run.model.saveState(),
    };
    writeSafetensors(join(runDir, 'checkpoint.e1.safetensors'), Object.fromEntries(run.model.parameters().map((p) => [p.name, { shape: p.value.shape, data: p.value.data }])), { epoch: '1' });
    const validTensorBytes = new Uint8Array(readFileSync(join(runDir, 'checkpoint.e1.safetensors')));
    const stateText = Buffer.from(JSON.stringify(validState));
    const json = fc.oneof(
      damaged(stateText),
      fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
      fc.record({ key: fc.constantFrom(...Object.keys(validState)), value: fc.jsonValue() }).map(({ key, value }) => Buffer.from(JSON.stringify({ ...validState, [key]: value }))),
    );
    await fc.assert(
      fc.asyncProperty(json, fc.option(damaged(validTensorBytes), { nil: undefined }), async (state, tensors) => {
        writeFileSync(files.checkpoint, state);
        writeFileSync(join(runDir, 'checkpoint.e1.safetensors'), tensors ?? validTensorBytes);
        try {
          const saved = readCheckpoint(files);
          if (!saved) return;
          loadModelArrays(run.model, saved.arrays, saved.source);
          restoreState(saved.state, run.optimizer, run.learningRate.schedule, run.rng, files.checkpoint, run.model);
        } catch (e) {
          expectUserError(e);
        }
      }),
      { numRuns: 600, seed: 25 },
    );
  });
});
