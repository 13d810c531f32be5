import type { Direction, SearchSpace } from '../contracts/search-space.js';
import type { StudyInfo, StudyStorage } from '../contracts/study-storage.js';
import { HyperspecError } from '../errors/hyperspec-error.js';
import { hashSearchSpace } from '../search/space-hash.js';
import { normalizeSpace } from '../spec/normalize-space.js';

export interface StudyIdentity {
  name: string;
  space: SearchSpace;
  /** The space as written in the spec, kept in the study's meta so a refusal can say what changed. */
  specSpace: Record<string, unknown>;
  objective: { metric: string; direction: Direction };
  /** How to name the storage in messages, e.g. `sqlite runs/iris-study/study.db`. */
  storageLabel: string;
}

function describeChange(stored: unknown, now: Record<string, unknown>): string {
  if (stored === null || typeof stored !== 'object') return '';
  const before = stored as Record<string, unknown>;
  const added = Object.keys(now).filter((k) => !(k in before));
  const removed = Object.keys(before).filter((k) => !(k in now));
  const changed = Object.keys(now).filter((k) => k in before && hashSearchSpace(normalizeSpace({ [k]: before[k] })) !== hashSearchSpace(normalizeSpace({ [k]: now[k] })));
  const parts = [added.length ? `added ${added.join(', ')}` : '', removed.length ? `removed ${removed.join(', ')}` : '', changed.length ? `changed ${changed.join(', ')}` : ''];
  return parts.filter(Boolean).join('; ');
}

/**
 * Opens the study of this name, creating it if new. A stored study made with another search space
 * (its space hash differs) or another objective is refused: its trials would mislead the searcher.
 */
export async function openOrRefuseStudy(storage: StudyStorage, id: StudyIdentity): Promise<StudyInfo> {
  const spaceHash = hashSearchSpace(id.space);
  const study = await storage.openStudy(id.name, {
    direction: id.objective.direction,
    spaceHash,
    meta: { space: id.specSpace, objective: id.objective, created: new Date().toISOString() },
  });
  const hint = `run again with --new-study to start a new study (the old study directory is kept, renamed), or restore the spec's previous search space`;
  if (study.spaceHash !== spaceHash) {
    const change = describeChange(study.meta.space, id.specSpace);
    throw new HyperspecError(
      'spec',
      `study "${id.name}" in ${id.storageLabel} was made with a different search space (stored space ${study.spaceHash.slice(0, 12)}, this spec's space ${spaceHash.slice(0, 12)}${change ? `: ${change}` : ''})`,
      { hint, location: { path: 'search.space' } },
    );
  }
  const stored = study.meta.objective as { metric?: string } | undefined;
  if (study.direction !== id.objective.direction || (stored?.metric !== undefined && stored.metric !== id.objective.metric)) {
    throw new HyperspecError(
      'spec',
      `study "${id.name}" in ${id.storageLabel} optimises ${stored?.metric ?? 'another metric'} (${study.direction}), but this spec's objective is ${id.objective.metric} (${id.objective.direction})`,
      { hint, location: { path: 'search.objective' } },
    );
  }
  return study;
}
