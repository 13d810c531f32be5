// Using a trained model from code: `loadModel` reads the run directory's model bundle (model.json,
// parameters.safetensors) and nothing else — the same path as `hyperspec predict`.
import { loadModel, type Prediction } from 'hyperspec';

export async function predictIris(runDir: string): Promise<Prediction[]> {
  const model = await loadModel(runDir);
  const predictions = model.predict([
    { sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 },
    { sepal_length: 6.7, sepal_width: 3.0, petal_length: 5.2, petal_width: 2.3 },
  ]);
  console.log(predictions[1]); // { prediction: 'virginica', probabilities: { setosa: …, versicolor: …, virginica: … } }
  model.dispose();
  return predictions;
}
