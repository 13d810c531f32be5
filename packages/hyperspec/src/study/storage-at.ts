import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ComponentsToken, HyperspecError, type StudyStorage } from '@hyperspec/core';
import { createDefaultContainer } from '../default-container.js';

/** A storage opened from a command-line locator, and how to name it (never with a password). */
export interface LocatedStorage {
  storage: StudyStorage;
  label: string;
}

/** True for `postgres://…` and `postgresql://…`. */
export const isDatabaseUrl = (locator: string) => /^postgres(ql)?:\/\//i.test(locator);

function build(node: { type: string; [option: string]: unknown }): StudyStorage {
  return createDefaultContainer().get(ComponentsToken).create<StudyStorage>('storage', node, 'storage');
}

/**
 * The storage a `hyperspec study` argument names: a PostgreSQL URL, a SQLite file, or a study
 * directory holding `study.db`. With `create`, a path that does not exist yet becomes a new SQLite
 * file (`….db`) or a study directory with `study.db` in it (`hyperspec study copy`'s target).
 */
export function storageAt(locator: string, create = false): LocatedStorage {
  if (isDatabaseUrl(locator)) {
    // A command run by hand: report a server that went away rather than wait for it.
    const storage = build({ type: 'postgres', url: locator, retry_seconds: 0 });
    return { storage, label: storage.label ?? 'postgres' };
  }
  const target = resolve(locator);
  let file = target;
  if (existsSync(target) && statSync(target).isDirectory()) {
    const databases = readdirSync(target).filter((f) => f.endsWith('.db')).sort();
    if (databases.length > 1 && !databases.includes('study.db')) {
      throw new HyperspecError('usage', `${locator} holds several databases (${databases.join(', ')})`, { hint: 'name the database file itself' });
    }
    file = join(target, databases.includes('study.db') || databases.length === 0 ? 'study.db' : databases[0]);
    if (!existsSync(file) && !create) throw new HyperspecError('usage', `${locator} holds no study database (.db file)`, { hint: 'give the study directory a search wrote with storage sqlite, its database file, or a postgres:// URL' });
  } else if (!existsSync(target)) {
    if (!create) throw new HyperspecError('usage', `${locator} does not exist`, { hint: 'give a study directory (<output_dir>/<name>-study), its database file, or a postgres:// URL' });
    if (!target.endsWith('.db')) file = join(target, 'study.db');
  }
  // Read-only unless it is the target: a search may be writing the file meanwhile.
  return { storage: build({ type: 'sqlite', path: file, ...(create ? {} : { read_only: true }) }), label: `sqlite ${file}` };
}
