import type { ServiceIdentifier } from 'inversify';
import type { ComponentDescriptor } from '../plugin/component-descriptor.js';
import type { Preprocessing } from '../data/preprocessing.js';

/** One split held in memory: `count` samples of `sampleShape`, targets one per sample (or `targetShape`). */
export interface ArraySplit {
  x: Float32Array;
  y: Float32Array;
  count: number;
}

/** What a dataset yields: the splits it has and what a sample looks like. */
export interface DataSplits {
  train: ArraySplit;
  /** When absent the trainer carves one out of train with the spec's `validation_split`. */
  validation?: ArraySplit;
  test?: ArraySplit;
  sampleShape: number[];
  /** Shape of one target; [] for class labels and scalar regression targets. */
  targetShape: number[];
  /** Number of classes for classification data, absent for regression. */
  classes?: number;
  /** Human names of the classes, when known. */
  classNames?: string[];
  /**
   * The fitted preprocessing (statistics, encoders, vocabulary): how a raw input becomes a sample of
   * `sampleShape`. A plain JSON value, stored in the run's model bundle so the trained model predicts on
   * raw inputs without the training data. Every built-in dataset gives it; the splits above are the
   * raw samples with these steps applied (`applyPreprocessing`), so training and prediction agree.
   */
  preprocessing?: Preprocessing;
}

/** Loads data into memory. Called once per run, before the model is built (its shapes size the model). */
export interface Dataset {
  load(): Promise<DataSplits>;
}

/** The container token under which plugins bind Dataset descriptors, each named by its `type`. */
export const Dataset: ServiceIdentifier<ComponentDescriptor<Dataset>> = Symbol.for('hyperspec.Dataset');
