/**
 * Sorting driver errors into "wait and try again" and "tell the user". Only a message and a code are
 * ever taken from a driver error (never the error object itself as a cause): what the user sees can
 * then not carry connection parameters.
 */

/** SQLSTATEs after which the same call may succeed later: the server restarting or going away, a lost connection, too many clients, a transaction the server rolled back. */
const TRANSIENT_STATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006', '40001', '40P01']);
/** Socket errors of a connection that broke or a server that is not (yet) listening. */
const TRANSIENT_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** The driver's own words for a connection that went away or never came. */
const TRANSIENT_TEXT = /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Query read timeout|Connection ended|not queryable/i;

interface DriverError { code?: string; message?: string; errors?: unknown[] }

/** True when the failure is the connection's or the server's state, not the request's: the call is worth repeating. */
export function isTransient(e: unknown): boolean {
  const err = e as DriverError | null;
  if (!err || typeof err !== 'object') return false;
  if (err.code && (TRANSIENT_STATES.has(err.code) || TRANSIENT_SOCKET.has(err.code))) return true;
  // `AggregateError` from connecting to each address of a name (IPv4 and IPv6 both refused).
  if (Array.isArray(err.errors) && err.errors.length > 0 && err.errors.every(isTransient)) return true;
  return TRANSIENT_TEXT.test(err.message ?? '');
}

const HINTS: Record<string, string> = {
  '28P01': 'check the password: the PGPASSWORD environment variable, ~/.pgpass, or the URL',
  '28000': "the server's pg_hba.conf refuses this user from this host: ask its administrator",
  '3D000': 'create the database first (createdb), or name an existing one in the URL',
  '42501': 'the user needs CONNECT on the database and CREATE on its schema (or an owner to create the hyperspec_ tables once): ask its administrator, or name a database the user owns',
  '3F000': "no schema on the user's search_path can be written: grant it USAGE and CREATE on one",
  ECONNREFUSED: 'check that the server runs and listens on this host and port',
  ENOTFOUND: 'check the host name in the URL',
  ETIMEDOUT: 'check that the server is reachable from this machine (firewall, host name)',
};

/** `<driver message> (<code>)` and a hint for the codes users meet, for a `storage` error. */
export function describeDriverError(e: unknown): { text: string; hint?: string } {
  const err = (e ?? {}) as DriverError;
  const inner = Array.isArray(err.errors) ? (err.errors[0] as DriverError | undefined) : undefined;
  const code = err.code ?? inner?.code;
  const message = (err.message || inner?.message || String(e)).split('\n')[0];
  return { text: code && !message.includes(code) ? `${message} (${code})` : message, hint: code ? HINTS[code] : undefined };
}
