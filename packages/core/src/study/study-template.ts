import { hashJson } from '../search/space-hash.js';
import type { ResolvedSpec } from '../spec/resolved-spec.js';

/**
 * Keys that may change when a study resumes, because they decide how the study runs, not what its
 * trials mean: how many trials and for how long, how many at once, where the study is kept, the
 * searcher's options (not which searcher), the backend, extra plugins and the output folder.
 */
export const RESUMABLE_STUDY_KEYS: readonly string[] = [
  'search.trials', 'search.timeout', 'search.parallel', 'search.storage', 'search.searcher options (not its type)', 'backend', 'plugins', 'output_dir',
];

/**
 * What every trial of a study is made from: the resolved spec without the keys of
 * `RESUMABLE_STUDY_KEYS`. A study stores it (and its hash) so that a resume with another template —
 * other epochs, another model or dataset, another searcher — is refused: its trials would be ranked
 * against trials trained differently.
 */
export function studyTemplate(spec: ResolvedSpec): Record<string, unknown> {
  const { backend: _backend, plugins: _plugins, output_dir: _output, search, ...rest } = structuredClone(spec);
  if (!search) return rest;
  const { trials: _trials, timeout: _timeout, parallel: _parallel, storage: _storage, searcher, ...kept } = search;
  return { ...rest, search: { ...kept, searcher: { type: searcher.type } } };
}

/** The template's fingerprint (hex SHA-256 of its canonical JSON). */
export function hashStudyTemplate(template: Record<string, unknown>): string {
  return hashJson(template);
}
