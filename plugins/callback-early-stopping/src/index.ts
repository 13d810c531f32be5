import { definePlugin, type Callback, type ComponentDescriptor } from '@hyperspec/core';
import { EarlyStopping, type EarlyStoppingOptions } from './early-stopping.js';

export { EarlyStopping, type EarlyStoppingOptions };

/** `train.early_stopping` in a spec is this callback (its `type` is implied there). */
export const earlyStoppingDescriptor: ComponentDescriptor<Callback, EarlyStoppingOptions> = {
  kind: 'callback',
  type: 'early_stopping',
  description: 'Stop training when the monitored value has not improved for `patience` epochs.',
  schema: {
    $id: 'hyperspec:callback/early_stopping',
    type: 'object',
    properties: {
      monitor: { type: 'string', minLength: 1, default: 'val_loss', description: 'Metric to watch, e.g. val_loss or val_accuracy.' },
      patience: { type: 'integer', minimum: 1, maximum: 100000, default: 5, description: 'Epochs without improvement before training stops.' },
      min_delta: { type: 'number', minimum: 0, default: 0, description: 'Smallest change that counts as an improvement.' },
      mode: { enum: ['min', 'max', 'auto'], default: 'auto', description: 'Whether smaller (min) or larger (max) is better; auto: min for losses and errors (loss, mae, rmse, ...), max otherwise.' },
      restore_best: {
        type: 'boolean',
        default: false,
        description: "At the end of training, put back the parameters of the epoch where the monitored value was best (the model bundle then holds that epoch's parameters).",
      },
    },
    additionalProperties: false,
  },
  create: (options) => new EarlyStopping(options),
};

export default definePlugin('@hyperspec/callback-early-stopping', [earlyStoppingDescriptor]);
