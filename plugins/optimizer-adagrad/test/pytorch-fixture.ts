import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadOptimizerFixture } from '@hyperspec/core/testing';

/** The shared PyTorch optimizer reference, from `shared/` beside the repository. */
export const { initial, gradients, casesOf } = loadOptimizerFixture(resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/fixtures/pytorch'));
