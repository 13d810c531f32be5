import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Direction, ParamValues, SearchSpace, TrialRecord } from '../contracts/search-space.js';
import type { Searcher } from '../contracts/searcher.js';
import type { ComponentDescriptor } from '../plugin/component-descriptor.js';
import { componentsOf } from './components-of.js';
import { activeParams, flattenSpace, paramsKey } from '../search/flatten-space.js';
import { isLegalValue, toUnit } from '../search/unit-encoding.js';
import { Rng } from '../util/rng.js';

export interface SearcherConformanceOptions {
  /** Options the searcher is created with (validated against its schema, defaults filled). */
  options?: Record<string, unknown>;
  /** Completed trials per simulated study; enough to get a model-based searcher past its start-up phase. */
  trials?: number;
  /** Whether a suggestion must differ from every running trial's parameters (model-based searchers, grid). */
  avoidsRunning?: boolean;
}

/** Mixed types; continuous ranges carry `points` so that grid searchers can run the suite too. */
export const CONFORMANCE_MIXED_SPACE: SearchSpace = {
  x: { type: 'uniform', low: -2, high: 3, points: 5 },
  lr: { type: 'loguniform', low: 1e-4, high: 1e-1, points: 4 },
  layers: { type: 'int', low: 2, high: 20, step: 3 },
  units: { type: 'int', low: 1, high: 1000, log: true },
  activation: { type: 'choice', values: ['relu', 'tanh', 'gelu'] },
};

/** A choice whose options carry their own parameters (the children of option 2 are absent). */
export const CONFORMANCE_CONDITIONAL_SPACE: SearchSpace = {
  lr: { type: 'loguniform', low: 1e-4, high: 1e-1, points: 4 },
  optimizer: {
    type: 'choice',
    values: [{ type: 'sgd' }, { type: 'adam' }, { type: 'rmsprop' }],
    children: [
      { momentum: { type: 'uniform', low: 0, high: 0.99, points: 3 }, nesterov: { type: 'choice', values: [false, true] } },
      { beta1: { type: 'uniform', low: 0.8, high: 0.99, points: 3 }, warmup: { type: 'int', low: 0, high: 10 } },
      undefined,
    ],
  },
};

/** A smooth test objective over the unit-cube positions of the active parameters. */
export function conformanceObjective(space: SearchSpace, params: ParamValues): number {
  let f = 0;
  for (const def of activeParams(flattenSpace(space), params)) {
    const u = toUnit(def.distribution, params[def.name]);
    f += def.distribution.type === 'choice' ? 0.2 * params[def.name] : (u - 0.3) * (u - 0.3);
  }
  return f;
}

/** Fails with a message naming the parameter when a suggestion is not a legal, complete point of the space. */
export function expectLegalSuggestion(space: SearchSpace, params: ParamValues): void {
  const active = activeParams(flattenSpace(space), params);
  expect(Object.keys(params).sort(), 'suggested parameters must be exactly the active ones').toEqual(active.map((p) => p.name).sort());
  for (const def of active) {
    const v = params[def.name];
    expect(isLegalValue(def.distribution, v), `${def.name} = ${v} is not a legal ${def.distribution.type} value`).toBe(true);
  }
}

function complete(number: number, params: ParamValues, value: number): TrialRecord {
  return { number, state: 'complete', params, value, intermediate: {} };
}

/** Runs a sequential study and returns its suggestions (each trial is evaluated before the next suggestion). */
function runStudy(searcher: Searcher, space: SearchSpace, n: number, seed: number, direction: Direction = 'minimize'): { suggestions: ParamValues[]; trials: TrialRecord[] } {
  const trials: TrialRecord[] = [];
  const suggestions: ParamValues[] = [];
  for (let i = 0; i < n; i++) {
    const params = searcher.suggest(space, trials, new Rng(seed * 7919 + i), { direction, seed });
    expectLegalSuggestion(space, params);
    suggestions.push(params);
    const f = conformanceObjective(space, params);
    trials.push(complete(i, params, direction === 'minimize' ? f : -f));
  }
  return { suggestions, trials };
}

/**
 * The behaviour every searcher plugin promises (a third-party one too): deterministic by seed,
 * legal values only, conditional parameters only under their chosen option, and sensible
 * suggestions while other trials are still running. Call it at the top level of a test file.
 */
export function describeSearcherConformance(descriptor: ComponentDescriptor<Searcher>, conformance: SearcherConformanceOptions = {}): void {
  const n = conformance.trials ?? 14;
  const avoidsRunning = conformance.avoidsRunning ?? true;
  const components = componentsOf([descriptor]);
  const make = (): Searcher => components.create<Searcher>('searcher', { type: descriptor.type, ...(conformance.options ?? {}) }, 'search.searcher');

  describe(`searcher conformance: ${descriptor.type}`, () => {
    it('declares an options schema with $id, no extra keys, and a description on every option', () => {
      expect(descriptor.kind).toBe('searcher');
      expect(descriptor.schema.$id).toBe(`hyperspec:searcher/${descriptor.type}`);
      expect(descriptor.schema.additionalProperties).toBe(false);
      const properties = (descriptor.schema.properties ?? {}) as Record<string, Record<string, unknown>>;
      const required = new Set((descriptor.schema.required as string[] | undefined) ?? []);
      for (const [key, prop] of Object.entries(properties)) {
        expect(typeof prop.description, `option ${key} needs a description`).toBe('string');
        if (!required.has(key)) expect(prop, `optional option ${key} needs a default`).toHaveProperty('default');
      }
    });

    it('repeats the same suggestions for the same seed and trials', () => {
      const a = runStudy(make(), CONFORMANCE_MIXED_SPACE, n, 3).suggestions;
      const b = runStudy(make(), CONFORMANCE_MIXED_SPACE, n, 3).suggestions;
      expect(b).toEqual(a);
      // A given history and rng seed give one answer, also from a fresh searcher (no hidden state).
      const history = runStudy(make(), CONFORMANCE_MIXED_SPACE, n, 5).trials;
      const first = make().suggest(CONFORMANCE_MIXED_SPACE, history, new Rng(99), { direction: 'minimize', seed: 5 });
      const again = make().suggest(CONFORMANCE_MIXED_SPACE, history, new Rng(99), { direction: 'minimize', seed: 5 });
      expect(again).toEqual(first);
    });

    it('suggests legal values: ints on their step grid, log ranges in range, valid choice indices', () => {
      for (const seed of [1, 2]) {
        for (const direction of ['minimize', 'maximize'] as const) {
          const { suggestions } = runStudy(make(), CONFORMANCE_MIXED_SPACE, n, seed, direction);
          for (const s of suggestions) {
            expect(Number.isInteger(s.layers) && (s.layers - 2) % 3 === 0).toBe(true);
            expect(Number.isInteger(s.units)).toBe(true);
            expect(s.lr >= 1e-4 && s.lr <= 1e-1).toBe(true);
          }
        }
      }
    });

    it('gives values only to the chosen option\'s children in a conditional space', () => {
      const { suggestions } = runStudy(make(), CONFORMANCE_CONDITIONAL_SPACE, n + 4, 4);
      const chosen = new Set(suggestions.map((s) => s.optimizer));
      expect(chosen.size, 'a study should visit more than one option').toBeGreaterThan(1);
      for (const s of suggestions) {
        for (const key of Object.keys(s)) {
          const m = /^optimizer\.(\d+)\./.exec(key);
          if (m) expect(Number(m[1]), `${key} appears although optimizer = ${s.optimizer}`).toBe(s.optimizer);
        }
      }
    });

    it('suggests legal, fresh points while other trials are running', () => {
      const searcher = make();
      const trials = [...runStudy(searcher, CONFORMANCE_MIXED_SPACE, n, 6).trials];
      const running: ParamValues[] = [];
      for (let w = 0; w < 3; w++) {
        const params = searcher.suggest(CONFORMANCE_MIXED_SPACE, trials, new Rng(1000 + w), { direction: 'minimize', seed: 6 });
        expectLegalSuggestion(CONFORMANCE_MIXED_SPACE, params);
        if (avoidsRunning) {
          for (const r of running) expect(paramsKey(params), 'a suggestion repeats a running trial').not.toBe(paramsKey(r));
        }
        running.push(params);
        trials.push({ number: trials.length, state: 'running', params, intermediate: {} });
      }
    });

    it('accepts pruned and failed trials in the history', () => {
      const { trials } = runStudy(make(), CONFORMANCE_MIXED_SPACE, n, 8);
      const mixed: TrialRecord[] = trials.map((t, i) => {
        if (i % 4 === 1) return { ...t, state: 'pruned', value: undefined, intermediate: { 0: (t.value ?? 0) + 1, 1: (t.value ?? 0) + 0.5 } };
        if (i % 4 === 2) return { ...t, state: 'failed', value: undefined, reason: 'diverged' };
        return t;
      });
      const params = make().suggest(CONFORMANCE_MIXED_SPACE, mixed, new Rng(4), { direction: 'minimize' });
      expectLegalSuggestion(CONFORMANCE_MIXED_SPACE, params);
    });

    it('accepts trials with constraint values and suggests legal, repeatable points', () => {
      const run = () => {
        const searcher = make();
        const trials: TrialRecord[] = [];
        for (let i = 0; i < n; i++) {
          const params = searcher.suggest(CONFORMANCE_MIXED_SPACE, trials, new Rng(31 * i + 7), { direction: 'minimize', seed: 9 });
          expectLegalSuggestion(CONFORMANCE_MIXED_SPACE, params);
          const value = conformanceObjective(CONFORMANCE_MIXED_SPACE, params);
          trials.push({ ...complete(i, params, value), constraints: [toUnit(CONFORMANCE_MIXED_SPACE.x, params.x) - 0.5, i % 3 === 0 ? 1 : -1] });
        }
        return trials.map((t) => t.params);
      };
      expect(run()).toEqual(run());
    });

    if (make().multiObjective) {
      it('optimises several objectives (ctx.directions): legal, repeatable suggestions from trials carrying values', () => {
        const directions = ['minimize', 'maximize'] as const;
        const run = () => {
          const searcher = make();
          const trials: TrialRecord[] = [];
          for (let i = 0; i < n; i++) {
            const params = searcher.suggest(CONFORMANCE_MIXED_SPACE, trials, new Rng(17 * i + 3), { direction: 'minimize', directions, seed: 2 });
            expectLegalSuggestion(CONFORMANCE_MIXED_SPACE, params);
            const f = conformanceObjective(CONFORMANCE_MIXED_SPACE, params);
            const values = [f, toUnit(CONFORMANCE_MIXED_SPACE.lr, params.lr)];
            trials.push({ ...complete(i, params, values[0]), values });
          }
          trials.push({ number: n, state: 'running', params: trials[0].params, intermediate: {} });
          const last = searcher.suggest(CONFORMANCE_MIXED_SPACE, trials, new Rng(5), { direction: 'minimize', directions, seed: 2 });
          expectLegalSuggestion(CONFORMANCE_MIXED_SPACE, last);
          return [...trials.map((t) => t.params), last];
        };
        expect(run()).toEqual(run());
      });
    }
  });
}
