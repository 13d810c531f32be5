import { HyperspecError, type ArraySplit, type ReadFileOptions, type RunSpec } from '@hyperspec/core';
import { loadRunData } from '@hyperspec/core/run';
import { evaluationOf, targetsOf, type Evaluation } from './evaluation.js';
import type { LoadedModel } from './loaded-model.js';

/** Scores a loaded model on a data file holding the true targets (CSV with the target column, labelled JSON lines, IDX with --labels). */
export async function evaluateOnFile(model: LoadedModel, file: string, options: ReadFileOptions = {}): Promise<Evaluation> {
  const set = await model.predictFile(file, options);
  return evaluationOf(set, targetsOf(set, model.bundle, file), model.bundle);
}

/**
 * Scores a loaded model on a split of its own run: the dataset is loaded again as the run loaded it
 * (same spec, same seeded streams), which needs the training data to be where the run found it. The
 * fitted preprocessing must come out as the bundle recorded it, or the data changed since training.
 */
export async function evaluateOnSplit(model: LoadedModel, split: 'test' | 'validation' | 'train'): Promise<Evaluation> {
  const spec = model.bundle.spec as unknown as Pick<RunSpec, 'seed' | 'data'>;
  const data = await loadRunData(spec, model.env.components, { baseDir: model.bundle.base_dir });
  const part: ArraySplit | undefined = data[split];
  if (!part || part.count === 0) {
    throw new HyperspecError('usage', `the run in ${model.dir} has no ${split} split`, { hint: split === 'test' ? 'its dataset has no test split (e.g. set test_split); give --data FILE instead' : undefined });
  }
  if (JSON.stringify(data.preprocessing) !== JSON.stringify(model.bundle.preprocessing)) {
    throw new HyperspecError('data', `the data of ${model.dir}'s spec no longer gives the preprocessing its bundle recorded (the data changed since training?)`, {
      hint: 'evaluate on a file with --data instead',
    });
  }
  const set = model.predictSamples(part.x, part.count);
  return evaluationOf(set, part.y, model.bundle);
}
