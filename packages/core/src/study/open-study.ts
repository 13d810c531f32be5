import type { SearchSpace } from '../contracts/search-space.js';
import type { StudyInfo, StudyStorage } from '../contracts/study-storage.js';
import { HyperspecError } from '../errors/hyperspec-error.js';
import { hashSearchSpace } from '../search/space-hash.js';
import { normalizeSpace } from '../spec/normalize-space.js';
import type { SearchConstraint, SearchObjective } from '../spec/resolved-spec.js';
import { diffSpecs, formatSpecDiff } from '../spec/spec-diff.js';
import { hashStudyTemplate, RESUMABLE_STUDY_KEYS } from './study-template.js';

export interface StudyIdentity {
  name: string;
  space: SearchSpace;
  /** The space as written in the spec, kept in the study's meta so a refusal can say what changed. */
  specSpace: Record<string, unknown>;
  objectives: readonly SearchObjective[];
  /** Constraints by metric (a spec's); a study from code, whose constraint values come with each trial, has none. */
  constraints?: readonly SearchConstraint[];
  /** How to name the storage in messages, e.g. `sqlite runs/iris-study/study.db`. */
  storageLabel: string;
  /** What every trial is made from (`studyTemplate`); a stored study made from another one is refused. */
  template?: Record<string, unknown>;
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

const describeObjectives = (list: readonly SearchObjective[]) => list.map((o) => `${o.metric} (${o.direction})`).join(', ');
const describeConstraints = (list: readonly SearchConstraint[]) =>
  list.length ? list.map((c) => [c.min !== undefined ? `${c.metric} ≥ ${c.min}` : '', c.max !== undefined ? `${c.metric} ≤ ${c.max}` : ''].filter(Boolean).join(' and ')).join(', ') : 'none';

/** The objectives a stored study was made with: `meta.objectives`, or the single `meta.objective` of studies made before several were possible. */
export function storedObjectives(study: StudyInfo): SearchObjective[] {
  const list = study.meta.objectives;
  if (Array.isArray(list)) return list as SearchObjective[];
  const one = study.meta.objective as { metric?: string } | undefined;
  return [{ metric: one?.metric ?? 'value', direction: study.direction }];
}

/**
 * Opens the study of this name, creating it if new. A stored study made with another search space
 * (its space hash differs), other objectives or other constraints is refused: its trials would mislead
 * the searcher.
 */
export async function openOrRefuseStudy(storage: StudyStorage, id: StudyIdentity): Promise<StudyInfo> {
  const spaceHash = hashSearchSpace(id.space);
  const meta: Record<string, unknown> = { space: id.specSpace, objective: id.objectives[0], objectives: id.objectives, created: new Date().toISOString() };
  if (id.constraints) meta.constraints = id.constraints;
  const templateHash = id.template ? hashStudyTemplate(id.template) : undefined;
  if (id.template) Object.assign(meta, { template: id.template, templateHash });
  const study = await storage.openStudy(id.name, { direction: id.objectives[0].direction, spaceHash, meta });
  const hint = `run again with --new-study to start a new study (the old study directory is kept, renamed), or restore the spec's previous search space`;
  if (study.spaceHash !== spaceHash) {
    const change = describeChange(study.meta.space, id.specSpace);
    throw new HyperspecError(
      'spec',
      `study "${id.name}" in ${id.storageLabel} was made with a different search space (stored space ${study.spaceHash.slice(0, 12)}, this spec's space ${spaceHash.slice(0, 12)}${change ? `: ${change}` : ''})`,
      { hint, location: { path: 'search.space' } },
    );
  }
  const stored = storedObjectives(study);
  const same = stored.length === id.objectives.length && stored.every((o, i) => o.direction === id.objectives[i].direction && (o.metric === 'value' || o.metric === id.objectives[i].metric));
  if (!same) {
    throw new HyperspecError(
      'spec',
      `study "${id.name}" in ${id.storageLabel} optimises ${describeObjectives(stored)}, but this one's objectives are ${describeObjectives(id.objectives)}`,
      { hint, location: { path: id.objectives.length > 1 ? 'search.objectives' : 'search.objective' } },
    );
  }
  const storedConstraints = (study.meta.constraints as SearchConstraint[] | undefined) ?? [];
  if (id.constraints && describeConstraints(storedConstraints) !== describeConstraints(id.constraints)) {
    throw new HyperspecError(
      'spec',
      `study "${id.name}" in ${id.storageLabel} was made with the constraints ${describeConstraints(storedConstraints)}, but this one's are ${describeConstraints(id.constraints)}`,
      { hint, location: { path: 'search.constraints' } },
    );
  }
  if (id.template && study.meta.templateHash !== templateHash) {
    if (study.meta.templateHash === undefined) {
      // A study from before templates were stored: adopt this one from now on.
      await storage.updateMeta(study.id, { template: id.template, templateHash });
      return { ...study, meta: { ...study.meta, template: id.template, templateHash } };
    }
    const changes = diffSpecs(study.meta.template, id.template);
    throw new HyperspecError(
      'spec',
      `study "${id.name}" in ${id.storageLabel} was made from a different spec; its trials would be compared with trials trained differently:\n${formatSpecDiff(changes)}`,
      { hint: `${hint.replace("restore the spec's previous search space", 'restore the previous values')}. Only these may change when a study resumes: ${RESUMABLE_STUDY_KEYS.join(', ')}` },
    );
  }
  return study;
}
