import { describe, expect, it } from 'vitest';
import { formatValue } from '@hyperspec/core/study';
import { TrialTable } from '../src/trial-table.js';

const sink = (isTTY: boolean, columns = 200) => {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns, write: (s: string) => writes.push(s) } };
};

describe('trial table', () => {
  it('prints one plain line per event when not on a terminal', () => {
    const { writes, stream } = sink(false);
    const table = new TrialTable(stream, 'val_loss');
    table.update({ number: 0, state: 'running', params: { lr: 0.012345, opt: { type: 'adam' } } });
    table.update({ number: 0, state: 'failed', params: { lr: 0.012345, opt: { type: 'adam' } }, note: 'the loss became NaN\n  hint: lower the learning rate' });
    expect(writes).toEqual(['trial 0 running  lr=0.01235 opt=adam\n', 'trial 0 failed  lr=0.01235 opt=adam  (the loss became NaN)\n']);
  });

  it('redraws the table in place on a terminal, moving up over the previous drawing', () => {
    const { writes, stream } = sink(true);
    const table = new TrialTable(stream, 'acc');
    table.update({ number: 0, state: 'running', params: { units: 32 } });
    table.update({ number: 1, state: 'running', params: { units: 64 } });
    table.update({ number: 0, state: 'complete', params: { units: 32 }, value: 0.9 });
    expect(writes[0].startsWith('\x1b')).toBe(false);
    expect(writes[1].startsWith('\x1b[2F\x1b[J')).toBe(true); // header + one row drawn before
    expect(writes[2].startsWith('\x1b[3F\x1b[J')).toBe(true);
    expect(writes[2].split('\n').slice(0, 3).map((l) => l.replace(/^\x1b\[3F\x1b\[J/, '').trim().split(/\s+/))).toEqual([
      ['trial', 'units', 'acc', 'state'],
      ['0', '32', '0.9', 'complete'],
      ['1', '64', 'running'],
    ]);
  });

  it('formats values for people', () => {
    expect([formatValue(3), formatValue(0.123456), formatValue(1.5e-5), formatValue({ type: 'sgd', momentum: 0.9 }), formatValue('relu'), formatValue([1, 2])]).toEqual(['3', '0.1235', '1.50e-5', 'sgd', 'relu', '[1,2]']);
  });
});
