import { describe, expect, it } from 'vitest';
import { trainIrisWithEngine } from '../examples/programmatic/engine-loop.js';

describe('the engine example (examples/programmatic/engine-loop.ts)', () => {
  it('learns iris with a captured step, and the replays give the eager loop’s parameters bit for bit', async () => {
    const captured = await trainIrisWithEngine({ capture: true, epochs: 60 });
    const eager = await trainIrisWithEngine({ capture: false, epochs: 60 });
    // A 4-16-3 MLP separates the standardized iris classes to ~97 %; chance is 33 %.
    expect(captured.accuracy).toBeGreaterThanOrEqual(0.93);
    expect(captured.params.map((p) => Array.from(p))).toEqual(eager.params.map((p) => Array.from(p)));
  });
});
