import { closeSync, openSync, readdirSync, readFileSync, renameSync, rmSync, rmdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { HyperspecError } from '../errors/hyperspec-error.js';
import { archiveName } from './archive-name.js';
import { asEnvironmentError } from './fs-errors.js';
import { makeDirectory } from './make-directory.js';

/** The folder inside a locked directory that holds one record per process working on it. */
export const LOCK_FOLDER = '.hyperspec-lock';
const GATE = 'gate';
/** A holder on another machine (whose process cannot be checked) counts as gone after this long without a heartbeat. */
const REMOTE_STALE_MS = 60_000;
const HEARTBEAT_MS = 10_000;
/** A gate older than this was left by a killed process (it is held for milliseconds). */
const GATE_STALE_MS = 10_000;

export type LockMode = 'shared' | 'exclusive';

interface HolderRecord {
  pid: number;
  host: string;
  mode: LockMode;
  started: string;
  command?: string;
}

interface Holder extends HolderRecord {
  file: string;
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function alive(h: Holder): boolean {
  if (h.host === hostname()) return processAlive(h.pid);
  try {
    return Date.now() - statSync(h.file).mtimeMs < REMOTE_STALE_MS;
  } catch {
    return false;
  }
}

function readHolders(folder: string): Holder[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const out: Holder[] = [];
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const file = join(folder, name);
    try {
      const r = JSON.parse(readFileSync(file, 'utf8')) as HolderRecord;
      if (typeof r.pid === 'number' && typeof r.host === 'string') out.push({ ...r, file });
    } catch {
      // A record being written, or garbage: not a holder.
    }
  }
  return out;
}

function describe(h: Holder): string {
  return `process ${h.pid}${h.host === hostname() ? '' : ` on ${h.host}`}${h.command ? ` (${h.command})` : ''}, since ${h.started}`;
}

/** Runs `fn` while holding the directory's gate (an exclusively created file), so checks and changes of the holders are atomic. */
function withGate<T>(dir: string, fn: (folder: string) => T): T {
  const folder = join(dir, LOCK_FOLDER);
  const gate = join(folder, GATE);
  const until = Date.now() + 30_000;
  for (;;) {
    try {
      makeDirectory(folder);
      closeSync(openSync(gate, 'wx'));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw asEnvironmentError(e) ?? e;
      try {
        if (Date.now() - statSync(gate).mtimeMs > GATE_STALE_MS) rmSync(gate, { force: true });
      } catch {
        // Gone meanwhile: try again.
      }
      if (Date.now() > until) throw new HyperspecError('usage', `cannot lock ${dir}: ${gate} stays taken`, { hint: `if no hyperspec process works on ${dir}, remove ${gate}` });
      sleepSync(20);
    }
  }
  try {
    return fn(folder);
  } finally {
    rmSync(gate, { force: true });
  }
}

/**
 * Marks a directory (a run, a study) as in use by this process until `release`. Several `shared`
 * holders may work on one directory together (search processes sharing a study); an `exclusive` one
 * (a training run) excludes every other holder. A holder record names the process; a record whose
 * process is gone (killed, crashed) is ignored and removed, so a kill -9 never leaves a directory
 * locked. Records are removed on release and when the process exits.
 */
export class DirectoryLock {
  private released = false;
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private readonly onExit = () => this.release();

  private constructor(readonly dir: string, private readonly file: string) {
    this.heartbeat = setInterval(() => {
      try {
        const now = new Date();
        utimesSync(this.file, now, now);
      } catch {
        // Removed by someone: nothing to keep alive.
      }
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
    process.on('exit', this.onExit);
  }

  /**
   * Takes the lock on `dir` (created if missing) or throws a `usage` error naming the process that holds
   * it. `what` names the directory for the message (`run directory`, `study directory`).
   */
  static acquire(dir: string, options: { mode: LockMode; what: string; command?: string; hint?: string }): DirectoryLock {
    try {
      makeDirectory(dir);
    } catch (e) {
      throw asEnvironmentError(e, `cannot use ${options.what} ${dir}`) ?? e;
    }
    return withGate(dir, (folder) => {
      const others = DirectoryLock.liveHolders(folder);
      const conflict = others.find((h) => options.mode === 'exclusive' || h.mode === 'exclusive');
      if (conflict) {
        throw new HyperspecError('usage', `${options.what} ${dir} is in use by ${describe(conflict)}`, {
          hint: options.hint ?? `wait for it to finish; if no such process is running, remove ${conflict.file}`,
        });
      }
      const file = join(folder, `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 10)}.json`);
      const record: HolderRecord = { pid: process.pid, host: hostname(), mode: options.mode, started: new Date().toISOString(), command: options.command };
      writeFileSync(file, JSON.stringify(record));
      return new DirectoryLock(dir, file);
    });
  }

  /** Holders whose process still runs; records of dead ones are removed. */
  private static liveHolders(folder: string): Holder[] {
    const live: Holder[] = [];
    for (const h of readHolders(folder)) {
      if (alive(h)) live.push(h);
      else rmSync(h.file, { force: true });
    }
    return live;
  }

  /**
   * Moves `dir` aside (see `archiveName`) if no live process holds it, and returns where it went; throws
   * a `usage` error naming the holder otherwise. Holding the gate while checking and renaming means no
   * process can start working on the directory in between.
   */
  static moveAside(dir: string, options: { what: string; hint?: string }): string {
    let target = '';
    withGate(dir, (folder) => {
      const others = DirectoryLock.liveHolders(folder);
      if (others.length > 0) {
        throw new HyperspecError('usage', `${options.what} ${dir} is in use by ${others.map(describe).join('; ')}, so it cannot be moved aside`, {
          hint: options.hint ?? 'wait for it to finish, or stop it first',
        });
      }
      target = archiveName(dir);
      try {
        renameSync(dir, target);
      } catch (e) {
        throw asEnvironmentError(e, `cannot move ${options.what} aside`) ?? e;
      }
    });
    rmSync(join(target, LOCK_FOLDER), { recursive: true, force: true });
    return target;
  }

  /** Throws a `usage` error naming the holder when a live process holds `dir`; a directory never locked is free. */
  static refuseIfUsed(dir: string, options: { what: string; hint?: string }): void {
    const others = DirectoryLock.liveHolders(join(dir, LOCK_FOLDER));
    if (others.length > 0) {
      throw new HyperspecError('usage', `${options.what} is in use by ${others.map(describe).join('; ')}`, { hint: options.hint ?? 'wait for it to finish, or stop it first' });
    }
  }

  /** Removes this process's record (and the lock folder when it was the last). Safe to call twice. */
  release(): void {
    if (this.released) return;
    this.released = true;
    clearInterval(this.heartbeat);
    process.off('exit', this.onExit);
    rmSync(this.file, { force: true });
    try {
      rmdirSync(join(this.dir, LOCK_FOLDER));
    } catch {
      // Other holders remain (or the gate is taken): the folder stays.
    }
  }
}
