import { loadOptimizerFixture } from '@hyperspec/core/testing';

/** The PyTorch optimizer reference shipped in @hyperspec/core (tools/fixtures/make_pytorch_fixtures.py). */
export const { initial, gradients, casesOf } = loadOptimizerFixture();
