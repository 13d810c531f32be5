import { existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative, resolve, sep } from 'node:path';
import { HyperspecError } from '@hyperspec/core';
import { isDatabaseUrl } from 'hyperspec';
import type { PageView } from '../../page/view.js';
import { renderHtml } from '../render-html.js';
import { isRunDirectory, loadRun } from '../run/load-run.js';
import { runView } from '../run/run-view.js';
import { isStudyDirectory, loadStudies } from '../study/load-study.js';
import { studyView } from '../study/study-view.js';
import { databaseStudies, databaseStudyView, recordedRunHref, type DatabaseStudy } from './database-view.js';
import { fingerprint } from './fingerprint.js';
import { indexView } from './index-view.js';
import { encodeRel, resolveInside } from './safe-path.js';
import { scanRoot } from './scan.js';
import { studyListView } from './study-list-view.js';

export interface DashboardOptions {
  /** The folder served: runs and studies under it (default `runs`). */
  root: string;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** How often a live page's files are checked for changes, in milliseconds (default 500). */
  pollMs?: number;
  /**
   * A PostgreSQL URL (`postgres://…`): its studies are listed too and served at `/db/<name>`, live, so
   * a study run by workers on several machines can be watched from any of them.
   */
  storage?: string;
}

export interface Dashboard {
  url: string;
  server: Server;
  close(): Promise<void>;
}

const viewHref = (rel: string) => `/view/${encodeRel(rel)}`;

/**
 * The view of one directory under the root: the index (rel ''), a study or a run; null when it is
 * neither. A study directory whose database holds several studies lists them; `study` names one.
 */
async function buildView(root: string, path: string, rel: string, storage: string | undefined, study: string | undefined): Promise<PageView | null> {
  if (path === root && !isRunDirectory(path) && !isStudyDirectory(path)) {
    const inDatabase: DatabaseStudy[] = storage ? await databaseStudies(storage) : [];
    return indexView(root, scanRoot(root), viewHref, inDatabase);
  }
  if (isStudyDirectory(path)) {
    const studies = await loadStudies(path);
    if (studies.length === 0) return { kind: 'study', title: 'Study (no trial yet)', subtitle: path, sections: [] };
    if (study === undefined && studies.length > 1) return studyListView(path, studies, (name) => `${viewHref(rel)}?study=${encodeURIComponent(name)}`);
    const data = study === undefined ? studies[0] : studies.find((s) => s.study.name === study);
    if (!data) return null;
    // The study's own trials/ folder when it is the only one here; else where its workers recorded them.
    const own = (n: number) => (studies.length === 1 && isRunDirectory(join(path, 'trials', String(n))) ? viewHref(`${rel}/trials/${n}`) : undefined);
    return studyView(data, { trialHref: (n) => own(n) ?? recordedRunHref(data, n, root, viewHref) });
  }
  if (isRunDirectory(path)) {
    const run = loadRun(path);
    const studyRel = run.trial ? relative(root, run.trial.studyDir).split(sep).join('/') : undefined;
    return runView(run, { studyHref: studyRel !== undefined && !studyRel.startsWith('..') ? viewHref(studyRel) : undefined });
  }
  return null;
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

/**
 * Server-sent events: the view now, then again whenever it changes. `print` is a cheap fingerprint of
 * what the view is built from (file sizes and times); without one (a database study) the view itself is
 * compared.
 */
function stream(req: IncomingMessage, res: ServerResponse, pollMs: number, build: () => Promise<PageView | null>, print?: () => string): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  let last = '';
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const before = print?.();
      if (before !== undefined && before === last) return;
      const view = await build();
      if (!view) return;
      const data = JSON.stringify({ view });
      const now = before ?? data;
      if (now === last) return;
      res.write(`data: ${data}\n\n`);
      last = now;
    } catch {
      // A file or database caught mid-write (or locked, or a server away): try again on the next tick.
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), pollMs);
  const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
  req.on('close', () => {
    clearInterval(timer);
    clearInterval(ping);
  });
}

/**
 * `hyperspec dashboard`: a read-only HTTP server (node:http) over the runs and studies under a folder.
 * `/` lists them, `/view/<path>` is the report page of one, kept live through `/events/<path>`
 * (server-sent events). Only GET and HEAD; only paths inside the root (see `resolveInside`).
 */
export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const root = resolve(options.root);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new HyperspecError('usage', `${options.root} is not a directory`, { hint: 'give the folder your runs and studies are in (default runs/)' });
  }
  const pollMs = options.pollMs ?? 500;
  if (options.storage !== undefined && !isDatabaseUrl(options.storage)) {
    throw new HyperspecError('usage', `--storage: expected a postgres:// URL (got ${JSON.stringify(options.storage)})`, { hint: 'a SQLite study is served from its study directory under the folder' });
  }
  // A database study's page and its live updates; its name is one percent-encoded path segment.
  const serveDatabaseStudy = async (req: IncomingMessage, res: ServerResponse, live: boolean, encoded: string) => {
    let name: string;
    try {
      name = decodeURIComponent(encoded);
    } catch {
      return send(res, 404, 'not found\n');
    }
    const build = () => databaseStudyView(options.storage!, name, root, viewHref);
    if (live) return stream(req, res, pollMs, build);
    const view = await build();
    if (!view) return send(res, 404, 'no such study in the database\n');
    send(res, 200, renderHtml({ view, live: { events: `/db-events/${encodeURIComponent(name)}` } }), 'text/html; charset=utf-8');
  };
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'read-only\n');
      // The raw path, not a parsed URL: a URL parser would fold `..` and `%2e%2e` away before the check.
      const [raw, query = ''] = (req.url ?? '/').split('?');
      const study = new URLSearchParams(query).get('study') ?? undefined;
      const db = /^\/(db|db-events)\/([^/]+)$/.exec(raw);
      if (db && options.storage) return serveDatabaseStudy(req, res, db[1] === 'db-events', db[2]);
      const route = /^\/(view|events)(\/.*)?$/.exec(raw);
      if (raw !== '/' && !route) return send(res, 404, 'not found\n');
      const target = route ? resolveInside(root, route[2] ?? '') : resolveInside(root, '');
      if (!target.ok) return send(res, target.status, target.status === 403 ? 'forbidden\n' : 'not found\n');
      if (!statSync(target.path).isDirectory()) return send(res, 404, 'not found\n');
      const build = () => buildView(root, target.path, target.rel, options.storage, study);
      if (route?.[1] === 'events') {
        // The index changes when a run or study appears (or, with a database, when its studies change);
        // a run or study when its files do.
        const print = target.path === root ? (options.storage ? undefined : () => scanRoot(root).map((f) => `${f.rel}:${fingerprint(f.path)}`).join('\n')) : () => fingerprint(target.path);
        return stream(req, res, pollMs, build, print);
      }
      const view = await build();
      if (!view) return send(res, 404, study === undefined ? 'not a run or study directory\n' : 'no such study here\n');
      const events = (target.rel ? `/events/${encodeRel(target.rel)}` : '/events/') + (study === undefined ? '' : `?study=${encodeURIComponent(study)}`);
      send(res, 200, renderHtml({ view, live: { events } }), 'text/html; charset=utf-8');
    })().catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, `error: ${e instanceof Error ? e.message : String(e)}\n`);
      else res.end();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      fail(new HyperspecError('usage', `cannot listen on ${options.host ?? '127.0.0.1'}:${options.port ?? 0}: ${e.message}`, { hint: 'choose another --port', cause: e })));
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => ok());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/`,
    server,
    close: () => new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    }),
  };
}
