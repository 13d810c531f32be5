import { HyperspecError } from '@hyperspec/core';
import { storageAt } from './storage-at.js';

export interface CopiedStudy {
  name: string;
  trials: number;
}

/**
 * `hyperspec study copy FROM TO`: copies every study of FROM (or the one named `study`) into TO, trials,
 * intermediate values, metrics, attrs and meta as they are; a running trial arrives with an expired lease, so
 * the next worker on TO reclaims it. A study that exists in TO already is refused (nothing is
 * overwritten); studies copied before the refusal stay copied, each one whole (one transaction).
 */
export async function copyStudies(from: string, to: string, study?: string): Promise<{ from: string; to: string; copied: CopiedStudy[] }> {
  const source = storageAt(from);
  try {
    const all = await source.storage.studies();
    const chosen = study === undefined ? all : all.filter((s) => s.name === study);
    if (chosen.length === 0) {
      throw new HyperspecError('usage', study === undefined ? `${source.label} holds no study` : `${source.label} has no study "${study}" (it has ${all.map((s) => `"${s.name}"`).join(', ') || 'none'})`);
    }
    const target = storageAt(to, true);
    try {
      if (!target.storage.importStudy) throw new HyperspecError('usage', `${target.label} cannot receive copied studies`);
      const copied: CopiedStudy[] = [];
      for (const s of chosen) {
        const trials = await source.storage.trials(s.id);
        await target.storage.importStudy({ name: s.name, direction: s.direction, spaceHash: s.spaceHash, meta: s.meta }, trials);
        copied.push({ name: s.name, trials: trials.length });
      }
      return { from: source.label, to: target.label, copied };
    } finally {
      await target.storage.close?.();
    }
  } finally {
    await source.storage.close?.();
  }
}
