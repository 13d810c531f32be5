import { describe, expect, it } from 'vitest';
import { insertAfterHidden } from '@hyperspec/regularizer-layers';

describe('model-wide dropout and batch-norm insertion', () => {
  it('inserts after every hidden layer but not after the output layer', () => {
    const out = insertAfterHidden([{ type: 'dense', units: 8 }, { type: 'dense', units: 8 }, { type: 'dense', units: 3 }], 'dropout', () => ({ type: 'dropout', rate: 0.3 }));
    expect(out.map((l) => l.type)).toEqual(['dense', 'dropout', 'dense', 'dropout', 'dense']);
  });

  it('puts it after the pooling of a conv block', () => {
    const out = insertAfterHidden(
      [{ type: 'conv2d', filters: 4 }, { type: 'max_pool2d' }, { type: 'flatten' }, { type: 'dense', units: 10 }],
      'batch_norm',
      () => ({ type: 'batch_norm' }),
    );
    expect(out.map((l) => l.type)).toEqual(['conv2d', 'max_pool2d', 'batch_norm', 'flatten', 'dense']);
  });

  it('keeps a layer written by hand in place of the model-wide one (per-layer settings win)', () => {
    const own = { type: 'dropout', rate: 0.1 };
    const out = insertAfterHidden([{ type: 'dense', units: 8 }, own, { type: 'dense', units: 8 }, { type: 'dense', units: 2 }], 'dropout', () => ({ type: 'dropout', rate: 0.5 }));
    expect(out).toEqual([{ type: 'dense', units: 8 }, own, { type: 'dense', units: 8 }, { type: 'dropout', rate: 0.5 }, { type: 'dense', units: 2 }]);
  });
});
