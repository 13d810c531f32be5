// The programmatic path: examples/iris.yaml written as an object. `Session` validates it exactly as
// the spec loader validates YAML (same defaults) and composes it the same way; a callback is a plain
// object, and your own components come in as plugins (`new Session({ plugins: [...] })`).
import { Session, type Callback } from 'hyperspec';

export async function trainIris(): Promise<{ valAccuracy: number; epochs: number }> {
  const session = new Session();
  const log: Callback = {
    onEpochEnd: ({ epoch, metrics }) => {
      if ((epoch + 1) % 20 === 0) console.log(`epoch ${epoch + 1}: val_accuracy ${metrics.val_accuracy.toFixed(3)}`);
    },
  };
  const result = await session.fit(
    {
      seed: 42,
      data: { type: 'iris', standardize: true, validation_split: 0.2 },
      model: { type: 'mlp', hidden_layers: 1, units: 16, activation: 'relu' },
      loss: 'cross_entropy',
      metrics: ['accuracy'],
      train: { epochs: 60, batch_size: 16, optimizer: { type: 'sgd', learning_rate: 0.05, momentum: 0.9 } },
    },
    { callbacks: [log] },
  );
  const last = result.history[result.history.length - 1];
  return { valAccuracy: last.val_accuracy, epochs: result.history.length };
}
