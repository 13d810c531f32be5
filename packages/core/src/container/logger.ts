import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

/** The default logger: JSON lines on stderr at `HYPERSPEC_LOG_LEVEL` (default `warn`). */
export function defaultLogger(): Logger {
  return pino({ level: process.env.HYPERSPEC_LOG_LEVEL ?? 'warn', base: undefined }, pino.destination(2));
}
