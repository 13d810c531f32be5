import { describe, expect, it } from 'vitest';
import { distinctSorted, encodeLabels, fitOneHot, oneHotEncode, oneHotInto } from '@hyperspec/core/data';

describe('categories', () => {
  it('sorts numerically when every value is a number, by code point otherwise', () => {
    expect(distinctSorted(['10', '2', '1', '2'])).toEqual(['1', '2', '10']);
    expect(distinctSorted(['b', 'a', 'B', 'a'])).toEqual(['B', 'a', 'b']);
  });
});

describe('one-hot', () => {
  it('encodes each value as a 1 at its category position', () => {
    const enc = fitOneHot(['red', 'green', 'red', 'blue']);
    expect(enc.categories).toEqual(['blue', 'green', 'red']);
    expect([...oneHotEncode(['red', 'blue'], enc)]).toEqual([0, 0, 1, 1, 0, 0]);
  });

  it('gives an unseen value all zeros', () => {
    const enc = fitOneHot(['a', 'b']);
    const out = new Float32Array([9, 9, 9, 9]);
    expect(oneHotInto('c', enc, out, 1)).toBe(false);
    expect([...out]).toEqual([9, 0, 0, 9]);
  });
});

describe('label encoding', () => {
  it('maps class names to indices in sorted order', () => {
    const { indices, classNames } = encodeLabels(['virginica', 'setosa', 'versicolor', 'setosa']);
    expect(classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect([...indices]).toEqual([2, 0, 1, 0]);
  });

  it('uses given class names and rejects labels outside them', () => {
    expect([...encodeLabels(['no', 'yes'], ['yes', 'no']).indices]).toEqual([1, 0]);
    expect(() => encodeLabels(['yes', 'maybe'], ['yes', 'no'])).toThrow(/label "maybe" \(sample 1\) is not one of the classes \["yes","no"\]/);
  });
});
