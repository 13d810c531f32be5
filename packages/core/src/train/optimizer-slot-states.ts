import type { OptimizerState, ParameterSlot } from '../contracts/optimizer.js';
import { HyperspecError } from '../errors/hyperspec-error.js';

/** One parameter's optimizer state: its own step count and named buffers the size of the parameter. */
export interface SlotState {
  /** Steps this parameter has taken (PyTorch counts per parameter, too). */
  step: number;
  readonly buffers: Record<string, Float32Array>;
}

/**
 * Per-parameter optimizer state keyed by slot name, created lazily on a parameter's first step, with
 * an exact JSON-safe save/load (float32 → number → float32 round-trips bit for bit). Optimizers
 * (built-in and third-party) hold one and call `of` for each slot inside `step`.
 */
export class OptimizerSlotStates {
  private readonly states = new Map<string, SlotState>();
  /** Saved slots not yet claimed by a step: checked against the parameter when it is first seen. */
  private pending = new Map<string, Record<string, number[]>>();
  private steps = 0;

  /** @param optimizer the optimizer's type name, written into the state and checked on load. */
  constructor(private readonly optimizer: string) {}

  /** Counts one optimizer step; call once at the start of every `step`. */
  tick(): void {
    this.steps++;
  }

  /**
   * The state of `slot`: restored from a loaded state, or made by `init(size)` on the slot's first
   * step. `init` also names the buffers a restored state must have.
   */
  of(slot: ParameterSlot, init: (size: number) => Record<string, Float32Array>): SlotState {
    let state = this.states.get(slot.name);
    if (state) return state;
    const fresh = init(slot.value.length);
    const saved = this.pending.get(slot.name);
    state = { step: 0, buffers: fresh };
    if (saved) {
      this.pending.delete(slot.name);
      state.step = this.restoreInto(slot, fresh, saved);
    }
    this.states.set(slot.name, state);
    return state;
  }

  /** Everything needed to continue exactly: per-slot step counts and buffers as plain number arrays. */
  save(): OptimizerState {
    const slots: OptimizerState['slots'] = {};
    for (const [name, saved] of this.pending) slots[name] = saved;
    for (const [name, state] of this.states) {
      const out: Record<string, number[]> = { step: [state.step] };
      for (const [key, buffer] of Object.entries(state.buffers)) out[key] = Array.from(buffer);
      slots[name] = out;
    }
    return { optimizer: this.optimizer, step: this.steps, slots };
  }

  /** Replaces all state with a saved one; slots are checked against their parameters on first use. */
  load(state: OptimizerState): void {
    if (state.optimizer !== undefined && state.optimizer !== this.optimizer) {
      throw new HyperspecError('data', `optimizer "${this.optimizer}" cannot load the state of optimizer "${String(state.optimizer)}"`, {
        hint: 'resume with the same train.optimizer.type the checkpoint was made with',
      });
    }
    const slots = state.slots ?? {};
    for (const [name, saved] of Object.entries(slots)) {
      const ok = typeof saved === 'object' && saved !== null && Object.values(saved).every((v) => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x)));
      if (!ok) throw new HyperspecError('data', `optimizer "${this.optimizer}": the saved state of parameter "${name}" is not lists of finite numbers`, { hint: 'the checkpoint is damaged' });
    }
    this.states.clear();
    this.pending = new Map(Object.entries(state.slots ?? {}).map(([name, saved]) => [name, structuredClone(saved)]));
    this.steps = state.step ?? 0;
  }

  private restoreInto(slot: ParameterSlot, buffers: Record<string, Float32Array>, saved: Record<string, number[]>): number {
    for (const [key, buffer] of Object.entries(buffers)) {
      const values = saved[key];
      if (!values || values.length !== buffer.length) {
        const found = values ? `${values.length} values` : 'nothing';
        throw new HyperspecError('data', `optimizer "${this.optimizer}": saved state "${key}" of parameter "${slot.name}" has ${found}, the parameter needs ${buffer.length}`, {
          hint: 'the checkpoint was made with a different model or optimizer settings',
        });
      }
      buffer.set(values);
    }
    return saved.step?.[0] ?? 0;
  }
}
