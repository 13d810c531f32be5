export {};
export { allClose, checkGradients, DEFAULT_GRADIENT_TOLERANCE, type Tolerance, type CloseReport, type GradientCheckOptions, type GradientCheckResult, type InputGradientCheck } from './gradient-check.js';
export { describeBackendConformance, describeOpFixtures, loadOpFixtures, poisonedBackend, FIXTURE_TOLERANCE } from './backend-conformance.js';
export * from './optimizer-conformance.js';
export * from './storage-conformance.js';
export { referenceConv2d, referenceLogSumExp, referenceMatmul, referencePool2d, referenceTranspose } from './reference-ops.js';
export * from './searcher-conformance.js';
export * from './optimizer-fixture.js';
export { PYTORCH_FIXTURES_DIR, readPytorchFixture, expectFixtureCount } from './pytorch-fixtures.js';
