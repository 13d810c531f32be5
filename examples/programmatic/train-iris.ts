// The programmatic path: the same pieces as examples/iris.yaml, composed in code.
// Every part is either a spec node (validated like YAML) or an object you build yourself —
// here the optimizer is the built-in SGD by spec, and a callback is a plain object.
import { Session, type Callback } from 'hyperspec';

export async function trainIris(): Promise<{ valAccuracy: number; epochs: number }> {
  const session = new Session({ seed: 42 });
  const data = await session.data({ type: 'iris', standardize: true }, { validationSplit: 0.2 });
  const model = session.model({ type: 'mlp', hidden_layers: 1, units: 16, activation: 'relu' }, data);

  const log: Callback = {
    onEpochEnd: ({ epoch, metrics }) => {
      if ((epoch + 1) % 20 === 0) console.log(`epoch ${epoch + 1}: val_accuracy ${metrics.val_accuracy.toFixed(3)}`);
    },
  };
  const result = await session.fit({
    model,
    data,
    loss: { type: 'cross_entropy' },
    optimizer: { type: 'sgd', learning_rate: 0.05, momentum: 0.9 },
    metrics: ['accuracy'],
    epochs: 60,
    batchSize: 16,
    callbacks: [log],
  });
  const last = result.history[result.history.length - 1];
  return { valAccuracy: last.val_accuracy, epochs: result.history.length };
}
