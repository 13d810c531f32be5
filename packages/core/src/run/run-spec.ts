import type { LayerSpec } from '../contracts/regularizer.js';

/** A component node after validation: `{ type, ...options }` with defaults filled. */
export interface ComponentNode {
  type: string;
  [option: string]: unknown;
}

/**
 * The parts of a resolved spec (validated by `validateSpec`: every default filled, shorthands expanded)
 * that a training run reads. Each setting has one owner: `data.validation_split` (root schema, default
 * 0.2), `train.optimizer.learning_rate` (the optimizer's own schema and default).
 */
export interface RunSpec {
  name: string;
  seed: number;
  output_dir: string;
  backend?: string;
  plugins?: string[];
  data: ComponentNode & { validation_split: number };
  model: ComponentNode & { layers?: LayerSpec[] };
  loss: ComponentNode;
  metrics: ComponentNode[];
  train: {
    epochs: number;
    batch_size: number;
    shuffle: boolean;
    optimizer: ComponentNode & { learning_rate: number };
    schedule?: ComponentNode;
    early_stopping?: ComponentNode & { monitor: string; mode: 'min' | 'max' | 'auto'; min_delta: number; restore_best?: boolean };
    callbacks: ComponentNode[];
    gradient_clip?: { norm?: number; value?: number };
    checkpoint_every: number;
    checkpoint?: { keep: 'last' | 'best' | 'all'; monitor: string; mode: 'min' | 'max' | 'auto' };
    capture_step: boolean;
  };
  regularization: ComponentNode[];
  search?: Record<string, unknown>;
}
