import { HyperspecError } from '@hyperspec/core';
import { startDashboard } from '@hyperspec/report';
import type { CliValues, CommandIo } from '../main.js';

/**
 * `hyperspec dashboard [DIR] [--storage postgres://URL]`: serves live views of the runs and studies
 * under DIR (and of the studies in the database) until interrupted.
 */
export async function dashboardCommand(args: string[], values: CliValues, io: CommandIo): Promise<number> {
  const root = args[0] ?? 'runs';
  const portText = values.port as string | undefined;
  const port = portText === undefined ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new HyperspecError('usage', `--port: expected a port number 0–65535 (got ${portText})`);
  const host = (values.host as string | undefined) ?? '127.0.0.1';
  const storage = values.storage as string | undefined;
  const dashboard = await startDashboard({ root, host, port, storage });
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) io.stderr.write(`warning: listening on ${host}, not only this machine's loopback: anyone who reaches it can read your runs\n`);
  io.stdout.write(`dashboard: ${dashboard.url}\n`);
  io.stderr.write(`serving ${root}${storage ? ' and the studies in the database' : ''} read-only; Ctrl-C stops it\n`);
  await new Promise<void>((done) => dashboard.server.once('close', () => done()));
  return 0;
}
