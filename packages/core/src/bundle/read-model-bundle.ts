import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { HyperspecError } from '../errors/hyperspec-error.js';
import { MODEL_FILE, MODEL_FORMAT, MODEL_FORMAT_VERSION, type ModelBundle } from './model-bundle.js';

/** Where the JSON Schema of model.json lives: `packages/core/schemas/` (same depth from src and dist). */
export function modelSchemaPath(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../schemas/model.schema.json');
}

let validator: ValidateFunction | undefined;
function validate(value: unknown): string[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(modelSchemaPath(), 'utf8')) as object);
  if (validator(value)) return [];
  return (validator.errors ?? []).slice(0, 5).map((e) => {
    const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '(top level)';
    const extra = e.keyword === 'additionalProperties' ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"` : '';
    return `${where}: ${e.message ?? 'is invalid'}${extra}`;
  });
}

/**
 * Upgrades a bundle of an older format version to the current one, or refuses it. Version 1 is the
 * first format, so there is nothing to upgrade yet; each later version adds a step here.
 */
export function migrateModelBundle(bundle: { format_version: number }, file: string): ModelBundle {
  const v = bundle.format_version;
  if (v === MODEL_FORMAT_VERSION) return bundle as ModelBundle;
  if (v > MODEL_FORMAT_VERSION) {
    throw new HyperspecError('data', `${file} is model format version ${v}, newer than this hyperspec reads (${MODEL_FORMAT_VERSION})`, {
      hint: 'upgrade hyperspec to use this model',
    });
  }
  throw new HyperspecError('data', `${file} is model format version ${v}, which this hyperspec no longer reads (it reads version ${MODEL_FORMAT_VERSION})`, {
    hint: 'train the spec again (spec.resolved.yaml in the run directory) to get a current bundle',
  });
}

/**
 * Reads and checks `<runDir>/model.json`: it must exist, parse, be a hyperspec model of a known format
 * version (older ones are migrated or refused) and match the schema. Every failure is a `data` error
 * naming the file.
 */
export function readModelBundle(runDir: string): ModelBundle {
  if (!existsSync(runDir) || !statSync(runDir).isDirectory()) {
    throw new HyperspecError('usage', `${runDir} is not a directory`, { hint: 'give the run directory that hyperspec train printed' });
  }
  const file = join(runDir, MODEL_FILE);
  if (!existsSync(file)) {
    const isRun = existsSync(join(runDir, 'spec.resolved.yaml'));
    throw new HyperspecError('data', `${runDir} has no ${MODEL_FILE}`, {
      hint: isRun
        ? 'the run did not finish, or was made by a hyperspec without model bundles: train the spec again (spec.resolved.yaml)'
        : 'give the run directory that hyperspec train printed',
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new HyperspecError('data', `${file} is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  const head = raw as { format?: unknown; format_version?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== MODEL_FORMAT || typeof head.format_version !== 'number') {
    throw new HyperspecError('data', `${file} is not a hyperspec model bundle (it needs "format": "${MODEL_FORMAT}" and a "format_version")`);
  }
  const bundle = migrateModelBundle(head as { format_version: number }, file);
  const problems = validate(bundle);
  if (problems.length > 0) throw new HyperspecError('data', `${file} does not match the model bundle schema: ${problems.join('; ')}`);
  return bundle;
}
