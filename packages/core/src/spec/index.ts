export { SpecError, isSpecError, formatIssue, type SpecIssue } from './spec-issue.js';
export { parseSpec, loadSpecFile, type ParsedSpec } from './parse-spec.js';
export { validateSpec, type SpecInput } from './validate-spec.js';
export type { ResolvedSpec, SearchSettings, SearchObjective, SearchConstraint, SpecDistribution } from './resolved-spec.js';
export { MEASURED_QUANTITIES, isMeasuredQuantity, inferDirection, type MeasuredQuantity } from './validate-objectives.js';
export { composeSpecSchema } from './compose-spec-schema.js';
export { rootSpecSchema, rootSchemaPath } from './root-schema.js';
export { normalizeSpace } from './normalize-space.js';
export { applyParams } from './apply-params.js';
export { stringifySpec, writeResolvedSpec } from './stringify-spec.js';
export {
  formatPath as formatSpecPath, parseSpecPath, getAtPath as getSpecValue, setAtPath as setSpecValue,
  type PathSegment as SpecPathSegment, type SpecPath,
} from './spec-path.js';
export { locate as locateInSpec } from './yaml-source.js';
export { nearest } from '../util/nearest.js';
export { diffSpecs, formatSpecDiff, type SpecChange } from './spec-diff.js';
