import type { ErrorObject } from 'ajv';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Optimizer, OptimizerState, ParameterSlot } from '../contracts/optimizer.js';
import type { ComponentDescriptor } from '../plugin/component-descriptor.js';
import { createSpecValidators } from '../spec/spec-validators.js';
import { componentsOf } from './components-of.js';
import { Rng } from '../util/rng.js';

export interface OptimizerConformanceOptions {
  /** Options every test builds the optimizer with (validated against its schema, defaults filled). */
  options?: Record<string, unknown>;
  /** Steps taken before saving in the round-trip test; as many follow after loading (default 5). */
  saveAfter?: number;
  /** The convex quadratic test: learning rate (default 0.05), steps (200), required loss ratio (0.1). */
  quadratic?: { learningRate?: number; steps?: number; maxLossRatio?: number };
}

/** A parameter set by name: the flat values of each slot. */
export type ParameterValues = Record<string, ArrayLike<number>>;

/** Slots holding copies of `values`, with zero gradients. */
export function makeSlots(values: ParameterValues): ParameterSlot[] {
  return Object.entries(values).map(([name, v]) => ({ name, value: Float32Array.from(v), grad: new Float32Array(v.length) }));
}

/**
 * Replays fixed gradients: for each entry of `gradients`, copies it into the slots' grads and calls
 * `optimizer.step(slots, lr(k))`. Returns the parameters after every step (copies), so trajectories can
 * be compared with a reference such as PyTorch's.
 */
export function replayGradients(optimizer: Optimizer, slots: readonly ParameterSlot[], gradients: readonly ParameterValues[], lr: number | ((k: number) => number)): Record<string, Float32Array>[] {
  return gradients.map((grads, k) => {
    for (const slot of slots) slot.grad.set(grads[slot.name]);
    optimizer.step(slots, typeof lr === 'number' ? lr : lr(k));
    return Object.fromEntries(slots.map((s) => [s.name, s.value.slice()]));
  });
}

/** f(p) = ½ Σ a·(p − c)² over two slots: convex, with curvatures a in [0.5, 3] and minimum at c. */
class Quadratic {
  readonly curvature: Record<string, Float32Array> = {};
  readonly center: Record<string, Float32Array> = {};
  readonly start: Record<string, Float32Array> = {};

  constructor(seed: number) {
    const rng = new Rng(seed);
    for (const [name, size] of [['w', 12], ['b', 3]] as const) {
      this.curvature[name] = Float32Array.from({ length: size }, () => rng.uniform(0.5, 3));
      this.center[name] = Float32Array.from({ length: size }, () => rng.uniform(-1, 1));
      this.start[name] = Float32Array.from({ length: size }, () => rng.uniform(-2, 2));
    }
  }

  /** Writes ∇f into the slots' gradients and returns f. */
  gradient(slots: readonly ParameterSlot[]): number {
    let f = 0;
    for (const s of slots) {
      const a = this.curvature[s.name];
      const c = this.center[s.name];
      for (let i = 0; i < s.value.length; i++) {
        const d = s.value[i] - c[i];
        s.grad[i] = a[i] * d;
        f += 0.5 * a[i] * d * d;
      }
    }
    return f;
  }
}

/** The bits of a float32 array, for bitwise comparison (NaN and -0 included). */
function bits(values: Float32Array): number[] {
  return Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length));
}

function describeError(e: ErrorObject): string {
  return `${e.instancePath || '(options)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`;
}

/**
 * The behaviour every optimizer plugin promises (a third-party one too): a well-formed options schema
 * that rejects bad values and unknown keys, no movement without a gradient, updates proportional to the
 * learning rate given to `step`, progress on a convex quadratic, and state that saves to JSON and
 * restores so that a resumed run continues bit for bit. Call it at the top level of a test file.
 */
export function describeOptimizerConformance(descriptor: ComponentDescriptor<Optimizer>, conformance: OptimizerConformanceOptions = {}): void {
  const components = componentsOf([descriptor]);
  const properties = (descriptor.schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const hasWeightDecay = 'weight_decay' in properties;
  /** Validates (defaults filled) and builds, exactly as a spec's `train.optimizer` is built. */
  const make = (overrides: Record<string, unknown> = {}): { optimizer: Optimizer; options: Record<string, unknown> } => {
    const spec = { type: descriptor.type, ...(conformance.options ?? {}), ...overrides };
    const node = components.resolveNode('optimizer', spec, 'train.optimizer');
    const { type: _type, ...options } = node;
    return { optimizer: components.build<Optimizer>('optimizer', node, 'train.optimizer'), options };
  };
  const quadratic = new Quadratic(11);

  describe(`optimizer conformance: ${descriptor.type}`, () => {
    it('declares an options schema with $id, learning_rate, no extra keys, and a description and default on every option', () => {
      expect(descriptor.kind).toBe('optimizer');
      expect(descriptor.schema.$id).toBe(`hyperspec:optimizer/${descriptor.type}`);
      expect(descriptor.schema.additionalProperties).toBe(false);
      expect(properties, 'the trainer reads options.learning_rate as the base rate').toHaveProperty('learning_rate');
      const required = new Set((descriptor.schema.required as string[] | undefined) ?? []);
      for (const [key, prop] of Object.entries(properties)) {
        expect(typeof prop.description, `option ${key} needs a description`).toBe('string');
        if (!required.has(key)) expect(prop, `optional option ${key} needs a default`).toHaveProperty('default');
      }
      const { options } = make();
      expect(typeof options.learning_rate === 'number' && options.learning_rate > 0, `learning_rate default is ${String(options.learning_rate)}`).toBe(true);
    });

    it('rejects a negative learning_rate and an unknown key, with errors naming the key', () => {
      // The validator a spec's optimizer options go through (same ajv options, defaults filled).
      const validate = createSpecValidators().descriptor(descriptor);
      expect(validate({ ...conformance.options, learning_rate: -0.1 })).toBe(false);
      const negative = validate.errors ?? [];
      expect(negative.some((e) => e.instancePath === '/learning_rate'), negative.map(describeError).join('; ')).toBe(true);
      expect(validate({ ...conformance.options, learning_rat: 0.1 })).toBe(false);
      const unknown = validate.errors ?? [];
      expect(unknown.some((e) => e.keyword === 'additionalProperties' && (e.params as { additionalProperty?: string }).additionalProperty === 'learning_rat'), unknown.map(describeError).join('; ')).toBe(true);
      // The same mistakes through the path a spec takes: the message names the key.
      expect(() => make({ learning_rate: -0.1 })).toThrow(/learning_rate/);
      expect(() => make({ learning_rat: 0.1 })).toThrow(/learning_rat/);
    });

    it('leaves parameters bit for bit unchanged when every gradient is zero (weight decay 0)', () => {
      const { optimizer, options } = make(hasWeightDecay ? { weight_decay: 0 } : {});
      const slots = makeSlots(quadratic.start);
      for (let k = 0; k < 3; k++) optimizer.step(slots, options.learning_rate as number);
      for (const s of slots) expect(bits(s.value), `parameter ${s.name}`).toEqual(bits(quadratic.start[s.name]));
    });

    it('scales its first update by the learning rate passed to step, not the one in its options', () => {
      const lr = 0.1;
      const moves = [lr, lr / 2].map((stepLr) => {
        const slots = makeSlots(quadratic.start);
        quadratic.gradient(slots);
        make({ learning_rate: 0.001 }).optimizer.step(slots, stepLr);
        return slots.flatMap((s) => Array.from(s.value, (v, i) => v - quadratic.start[s.name][i]));
      });
      expect(moves[0].some((d) => d !== 0), 'a step with non-zero gradients must move the parameters').toBe(true);
      moves[0].forEach((full, i) => expect(Math.abs(moves[1][i] - full / 2), `element ${i}: ${moves[1][i]} vs half of ${full}`).toBeLessThanOrEqual(1e-6 + 1e-4 * Math.abs(full / 2)));
    });

    it('decreases the loss of a convex quadratic', () => {
      const lr = conformance.quadratic?.learningRate ?? 0.05;
      const steps = conformance.quadratic?.steps ?? 200;
      const maxRatio = conformance.quadratic?.maxLossRatio ?? 0.1;
      const { optimizer } = make({ learning_rate: lr });
      const slots = makeSlots(quadratic.start);
      const initial = quadratic.gradient(slots);
      for (let k = 0; k < steps; k++) {
        quadratic.gradient(slots);
        optimizer.step(slots, lr);
      }
      const final = quadratic.gradient(slots);
      expect(Number.isFinite(final)).toBe(true);
      expect(final / initial, `loss ${initial} → ${final} after ${steps} steps at lr ${lr}`).toBeLessThanOrEqual(maxRatio);
    });

    it('saves its state as JSON and, restored into a fresh optimizer, continues bit for bit', () => {
      const k = conformance.saveAfter ?? 5;
      const { options } = make();
      const base = options.learning_rate as number;
      // A varying rate, as a schedule gives, so a restored optimizer must use the rate it is passed.
      const lrAt = (t: number): number => base * (1 - 0.04 * t);
      const run = (optimizer: Optimizer, slots: ParameterSlot[], from: number, to: number): void => {
        for (let t = from; t < to; t++) {
          quadratic.gradient(slots);
          optimizer.step(slots, lrAt(t));
        }
      };
      const straight = makeSlots(quadratic.start);
      run(make().optimizer, straight, 0, 2 * k);

      const first = make().optimizer;
      const interrupted = makeSlots(quadratic.start);
      run(first, interrupted, 0, k);
      const saved = first.saveState();
      const json = JSON.stringify(saved);
      const restoredState = JSON.parse(json) as OptimizerState;
      expect(restoredState, 'saveState() must be JSON-safe (no typed arrays, NaN or undefined)').toEqual(saved);

      const second = make().optimizer;
      second.loadState(restoredState);
      expect(second.saveState(), 'saveState() right after loadState() returns the loaded state').toEqual(restoredState);
      const resumed = makeSlots(Object.fromEntries(interrupted.map((s) => [s.name, s.value])));
      run(second, resumed, k, 2 * k);
      straight.forEach((s, i) => expect(bits(resumed[i].value), `parameter ${s.name} after ${2 * k} steps`).toEqual(bits(s.value)));
    });
  });
}
