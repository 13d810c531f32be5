import { HyperspecError } from '@hyperspec/core';

/** The environment variable a `postgres` storage without `url` reads its URL from. */
export const STORAGE_URL_ENV = 'HYPERSPEC_STORAGE_URL';

/** A parsed `postgres://` URL. `label` names the server for messages and logs and never holds the password. */
export interface ConnectionTarget {
  /** The URL as given, password included: handed to the driver only, never printed or stored. */
  url: string;
  host: string;
  port: number;
  database: string;
  user?: string;
  /** `postgres user@host:port/database`: what messages, logs and the study's records show. */
  label: string;
}

/**
 * Parses a `postgres://` or `postgresql://` URL. A malformed URL is refused with a message that shows
 * the URL with its password replaced by `***`, since a typo there is the user's to find.
 */
export function parseConnectionUrl(url: string, origin: string): ConnectionTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new HyperspecError('spec', `${origin}: not a URL: ${redactUrl(url)}`, { hint: 'write it as postgres://USER@HOST:PORT/DATABASE' });
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new HyperspecError('spec', `${origin}: expected a postgres:// or postgresql:// URL, found ${parsed.protocol}//`, { hint: 'write it as postgres://USER@HOST:PORT/DATABASE' });
  }
  const host = decodeURIComponent(parsed.hostname).replace(/^\[(.*)\]$/, '$1') || 'localhost';
  const port = parsed.port ? Number(parsed.port) : 5432;
  const user = parsed.username ? decodeURIComponent(parsed.username) : undefined;
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || user || 'postgres';
  const label = `postgres ${user ? `${user}@` : ''}${host.includes(':') ? `[${host}]` : host}:${port}/${database}`;
  return { url, host, port, database, user, label };
}

/** The URL with any password replaced by `***` (for the one message that must show a URL). */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*):[^/?#]*@/i, '$1:***@').replace(/([?&]password=)[^&#]*/i, '$1***');
}
