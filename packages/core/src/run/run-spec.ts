import type { LayerSpec } from '../contracts/regularizer.js';

/** A component node after validation: `{ type, ...options }` with defaults filled. */
export interface ComponentNode {
  type: string;
  [option: string]: unknown;
}

/** The parts of a resolved (validated, defaults filled) spec that a training run reads. */
export interface RunSpec {
  name: string;
  seed: number;
  output_dir: string;
  backend?: string;
  plugins?: string[];
  data: ComponentNode & { validation_split?: number };
  model: ComponentNode & { layers?: LayerSpec[] };
  loss: ComponentNode;
  metrics: (ComponentNode | string)[];
  train: {
    epochs: number;
    batch_size: number;
    shuffle?: boolean;
    optimizer: ComponentNode & { learning_rate?: number };
    schedule?: ComponentNode;
    early_stopping?: { monitor: string; patience: number; min_delta: number; mode: 'min' | 'max' | 'auto' };
    gradient_clip?: { norm?: number; value?: number };
    checkpoint_every?: number;
  };
  regularization: ComponentNode[];
  search?: Record<string, unknown>;
}
