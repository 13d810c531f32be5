import { describe, expect, it } from 'vitest';
import { OptimizerSlotStates, type ParameterSlot } from '../../src/index.js';

const slot = (name: string, size: number): ParameterSlot => ({ name, value: new Float32Array(size), grad: new Float32Array(size) });
const init = (n: number) => ({ m: new Float32Array(n) });

describe('OptimizerSlotStates', () => {
  it('creates a slot state lazily on first use and saves buffers as plain numbers, exactly', () => {
    const states = new OptimizerSlotStates('demo');
    expect(states.save()).toEqual({ optimizer: 'demo', step: 0, slots: {} });
    states.tick();
    const s = states.of(slot('w', 2), init);
    s.step++;
    s.buffers.m.set([0.1, -1 / 3]);
    const saved = JSON.parse(JSON.stringify(states.save()));
    expect(saved).toEqual({ optimizer: 'demo', step: 1, slots: { w: { step: [1], m: [Math.fround(0.1), Math.fround(-1 / 3)] } } });

    const restored = new OptimizerSlotStates('demo');
    restored.load(saved);
    const r = restored.of(slot('w', 2), init);
    expect(r.step).toBe(1);
    expect(Array.from(r.buffers.m)).toEqual([Math.fround(0.1), Math.fround(-1 / 3)]);
  });

  it('refuses the state of another optimizer', () => {
    const states = new OptimizerSlotStates('adam');
    expect(() => states.load({ optimizer: 'sgd', step: 3, slots: {} })).toThrow(/optimizer "adam" cannot load the state of optimizer "sgd"/);
  });

  it('names the parameter and buffer when a saved state does not fit the parameter', () => {
    const states = new OptimizerSlotStates('demo');
    states.load({ optimizer: 'demo', step: 1, slots: { w: { step: [1], m: [1, 2, 3] } } });
    expect(() => states.of(slot('w', 2), init)).toThrow(/saved state "m" of parameter "w" has 3 values, the parameter needs 2/);
    const missing = new OptimizerSlotStates('demo');
    missing.load({ optimizer: 'demo', step: 1, slots: { w: { step: [1] } } });
    expect(() => missing.of(slot('w', 2), init)).toThrow(/saved state "m" of parameter "w" has nothing/);
  });
});
