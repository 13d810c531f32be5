import { isHyperspecError } from '@hyperspec/core';
import { nearest } from '@hyperspec/core/spec';
import { asEnvironmentError } from '@hyperspec/core/run';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { dashboardCommand } from './commands/dashboard.js';
import { reportCommand } from './commands/report.js';
import { evaluateCommand } from './commands/evaluate.js';
import { exportCommand } from './commands/export.js';
import { pluginsCommand } from './commands/plugins.js';
import { predictCommand } from './commands/predict.js';
import { schemaCommand } from './commands/schema.js';
import { searchCommand } from './commands/search.js';
import { studyCommand } from './commands/study.js';
import { trainCommand } from './commands/train.js';
import { validateCommand } from './commands/validate.js';

export const USAGE = `hyperspec — declarative deep learning

usage:
  hyperspec train <spec.yaml> [--run-dir DIR [--overwrite]] [--backend NAME] [--quiet] [--report]
  hyperspec train --resume DIR [<spec.yaml>]   continue a run (a spec may only grow train.epochs)
  hyperspec validate <spec.yaml>
  hyperspec predict <run dir> <input> [--out FILE] [--format csv|jsonl] [--labels FILE]
  hyperspec evaluate <run dir> [--data FILE [--labels FILE] | --split test|validation|train] [--out FILE]
  hyperspec export <run dir> --format onnx|tfjs --out PATH
  hyperspec search <spec.yaml> [--workers K] [--new-study] [--study-dir DIR] [--backend NAME] [--quiet] [--report]
  hyperspec study <study dir | study.db | postgres://URL> [--json] [--importance [--objective NAME|NUMBER]]
  hyperspec study copy <FROM> <TO> [--study NAME]
  hyperspec report <run dir | study dir | postgres://URL> [--out FILE.html] [--study NAME]
  hyperspec dashboard [DIR] [--storage postgres://URL] [--host 127.0.0.1] [--port N]
  hyperspec schema [--out FILE]
  hyperspec plugins [--json]

options for every command:
  --plugin P     load an extra plugin package (a package name or a path); repeatable
  --help         show this help

exit codes: 0 done; 1 a problem with your input or environment (the message says what and where);
  2 a bug in hyperspec (printed with a stack trace); 130 interrupted (Ctrl-C)
`;

/** The exit-code contract (README, "Exit codes"); 130 (Ctrl-C) comes from the signal itself, see run.ts. */
export const EXIT = { ok: 0, input: 1, bug: 2 } as const;

/** How many positional arguments each command takes after its name. */
const ARITY: Record<string, { max: number; usage: string }> = {
  train: { max: 1, usage: 'hyperspec train <spec.yaml> | hyperspec train --resume DIR' },
  validate: { max: 1, usage: 'hyperspec validate <spec.yaml>' },
  search: { max: 1, usage: 'hyperspec search <spec.yaml>' },
  study: { max: 1, usage: 'hyperspec study <study dir | study.db | postgres://URL> | hyperspec study copy <FROM> <TO>' },
  schema: { max: 0, usage: 'hyperspec schema [--out FILE]' },
  plugins: { max: 0, usage: 'hyperspec plugins [--json]' },
  report: { max: 1, usage: 'hyperspec report <run dir | study dir | postgres://URL> [--out FILE.html] [--study NAME]' },
  dashboard: { max: 1, usage: 'hyperspec dashboard [DIR] [--storage postgres://URL]' },
  predict: { max: 2, usage: 'hyperspec predict RUN_DIR INPUT [--out FILE] [--format csv|jsonl]' },
  evaluate: { max: 1, usage: 'hyperspec evaluate RUN_DIR [--data FILE | --split test]' },
  export: { max: 1, usage: 'hyperspec export RUN_DIR --format onnx|tfjs --out PATH' },
};

const COUNT_WORDS = ['no file', 'one file', 'two files'];

const COMMANDS = ['train', 'validate', 'schema', 'plugins', 'search', 'study', 'report', 'dashboard', 'predict', 'evaluate', 'export'];

export interface CommandIo {
  stdout: { write(s: string): unknown };
  stderr: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean };
}

const options: ParseArgsConfig['options'] = {
  plugin: { type: 'string', multiple: true },
  'run-dir': { type: 'string' },
  resume: { type: 'string' },
  backend: { type: 'string' },
  quiet: { type: 'boolean' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  'new-study': { type: 'boolean' },
  'study-dir': { type: 'string' },
  report: { type: 'boolean' },
  importance: { type: 'boolean' },
  objective: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  format: { type: 'string' },
  labels: { type: 'string' },
  data: { type: 'string' },
  split: { type: 'string' },
  workers: { type: 'string' },
  study: { type: 'string' },
  storage: { type: 'string' },
  overwrite: { type: 'boolean' },
};

export type CliValues = Record<string, string | boolean | string[] | undefined>;

/** Runs one CLI invocation and returns its exit code; user errors print a message, never a stack. */
export async function main(argv: string[], io: CommandIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let parsed: { values: CliValues; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (e) {
    io.stderr.write(`error: ${(e as Error).message}\n\n${USAGE}`);
    return EXIT.input;
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help || !command) {
    io.stdout.write(USAGE);
    return command || parsed.values.help ? 0 : 1;
  }
  // `study copy` is the one subcommand: its source and target.
  const arity = command === 'study' && rest[0] === 'copy' ? { max: 3, usage: 'hyperspec study copy <FROM> <TO> [--study NAME]' } : ARITY[command];
  if (arity && rest.length > arity.max) {
    const extra = rest.slice(arity.max).map((a) => JSON.stringify(a)).join(' ');
    io.stderr.write(`error: ${command} takes ${COUNT_WORDS[arity.max] ?? `${arity.max} arguments`}, but ${extra} ${rest.length - arity.max === 1 ? 'was' : 'were'} given too\n  usage: ${arity.usage}\n`);
    return EXIT.input;
  }
  try {
    switch (command) {
      case 'train':
        return await trainCommand(rest, parsed.values, io);
      case 'validate':
        return await validateCommand(rest, parsed.values, io);
      case 'schema':
        return await schemaCommand(parsed.values, io);
      case 'plugins':
        return await pluginsCommand(parsed.values, io);
      case 'search':
        return await searchCommand(rest, parsed.values, io);
      case 'study':
        return await studyCommand(rest, parsed.values, io);
      case 'report':
        return await reportCommand(rest, parsed.values, io);
      case 'dashboard':
        return await dashboardCommand(rest, parsed.values, io);
      case 'predict':
        return await predictCommand(rest, parsed.values, io);
      case 'evaluate':
        return await evaluateCommand(rest, parsed.values, io);
      case 'export':
        return await exportCommand(rest, parsed.values, io);
      default: {
        const guess = nearest(command, COMMANDS);
        io.stderr.write(`error: unknown command "${command}"${guess ? ` — did you mean "${guess}"?` : ''}\n\n${USAGE}`);
        return EXIT.input;
      }
    }
  } catch (e) {
    if (isHyperspecError(e) && e.kind !== 'internal') {
      io.stderr.write(`error: ${e.format()}\n`);
      return EXIT.input;
    }
    // A file-system fault (a missing folder, no permission, a full disk) is the environment's, not a bug.
    const env = asEnvironmentError(e);
    if (env) {
      io.stderr.write(`error: ${env.format()}\n`);
      return EXIT.input;
    }
    io.stderr.write(`internal error: ${e instanceof Error ? e.stack : String(e)}\nThis is a bug in hyperspec or a plugin; please report it with the spec that caused it.\n`);
    return EXIT.bug;
  }
}
