import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HyperspecError, runTraining, type RunSpec } from '@hyperspec/core';
import { DirectoryLock, createRunDirectory, isUsedDirectory } from '@hyperspec/core/run';
import { diffSpecs, formatSpecDiff, writeResolvedSpec } from '@hyperspec/core/spec';
import { anchorDataPaths } from '@hyperspec/core/study';
import { writeReport } from '@hyperspec/report';
import { openSpec, type OpenedSpec } from 'hyperspec';
import type { CliValues, CommandIo } from '../main.js';
import { ProgressReporter } from '../progress-reporter.js';

/** The spec with its data paths made absolute, so the copy in the run directory finds the data from there. */
function anchored(opened: OpenedSpec): RunSpec {
  return { ...opened.spec, data: anchorDataPaths(opened.spec.data, opened.baseDir) };
}

/**
 * Where a new run goes: `--run-dir` if given — refused when it holds anything, unless `--overwrite`,
 * which moves the old directory aside (never deletes it) — else a fresh `<output_dir>/<name>/<time>`.
 */
function newRunDirectory(spec: RunSpec, values: CliValues, io: CommandIo): string {
  const given = values['run-dir'] as string | undefined;
  if (!given) return createRunDirectory(spec.output_dir, spec.name);
  const dir = resolve(given);
  let isDirectory = false;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    // Absent (created when the run starts) or unusable (that error comes from creating it).
  }
  if (existsSync(dir) && !isDirectory) {
    throw new HyperspecError('usage', `--run-dir ${given} is a file, not a directory`, { hint: 'give a directory path for the run' });
  }
  if (isDirectory && isUsedDirectory(dir)) {
    if (!values.overwrite) {
      throw new HyperspecError('usage', `--run-dir ${given} already holds files; hyperspec never reuses a run directory`, {
        hint: `continue that run with --resume ${given}, start over with --overwrite (the old directory is kept, renamed), or give another --run-dir`,
      });
    }
    const moved = DirectoryLock.moveAside(dir, { what: 'run directory', hint: 'wait for that training to finish, or stop it, before overwriting its directory' });
    io.stderr.write(`--overwrite: moved the old run directory to ${moved}\n`);
  }
  return dir;
}

/**
 * The spec a resumed run trains: its own resolved spec, or — when a spec file is given too — that
 * spec if it differs only by more `train.epochs`. Any other difference is refused with the diff.
 */
async function resumedSpec(dir: string, own: OpenedSpec, file: string | undefined, values: CliValues): Promise<RunSpec> {
  const spec = own.spec;
  if (!file) return spec;
  const given = anchored(await openSpec(file, { plugins: values.plugin as string[] | undefined, backend: values.backend as string | undefined }));
  const changes = diffSpecs(spec, given);
  const epochs = changes.find((c) => c.path === 'train.epochs');
  const others = changes.filter((c) => c !== epochs);
  const grows = epochs !== undefined && (given.train.epochs > spec.train.epochs);
  if (others.length > 0 || (epochs && !grows)) {
    const refused = epochs && !grows ? [...others, epochs] : others;
    throw new HyperspecError('usage', `${file} is not the spec the run in ${dir} was made with (${join(dir, 'spec.resolved.yaml')}):\n${formatSpecDiff(refused)}`, {
      hint: `a resumed run trains its own spec; only train.epochs may grow. Run hyperspec train --resume ${dir} without a spec, or train ${file} as a new run`,
    });
  }
  if (!epochs) return spec;
  const grown = { ...spec, train: { ...spec.train, epochs: given.train.epochs } };
  writeResolvedSpec(grown, join(dir, 'spec.resolved.yaml'));
  return grown;
}

/** `hyperspec train <spec>`: validates, prints the model summary, trains, writes the run directory. */
export async function trainCommand(args: string[], values: CliValues, io: CommandIo): Promise<number> {
  const resume = values.resume as string | undefined;
  const file = args[0];
  if (resume && values['run-dir']) throw new HyperspecError('usage', '--resume DIR continues the run in DIR, --run-dir names a new one: give only one of them');
  if (resume && values.overwrite) throw new HyperspecError('usage', '--resume continues a run and --overwrite starts one over: give only one of them');
  if (values.overwrite && !values['run-dir']) throw new HyperspecError('usage', '--overwrite goes with --run-dir DIR (a new run gets a fresh directory anyway)');
  if (!file && !resume) throw new HyperspecError('usage', 'train needs a spec file: hyperspec train <spec.yaml>');
  const options = { plugins: values.plugin as string[] | undefined, backend: values.backend as string | undefined };

  let opened: OpenedSpec;
  let spec: RunSpec;
  let runDir: string;
  if (resume) {
    runDir = resolve(resume);
    if (!existsSync(join(runDir, 'checkpoint.json'))) {
      throw new HyperspecError('usage', `cannot resume: ${resume} has no checkpoint.json (was it a run directory?)`);
    }
    const ownSpec = join(runDir, 'spec.resolved.yaml');
    if (!existsSync(ownSpec)) throw new HyperspecError('usage', `cannot resume: ${resume} has no spec.resolved.yaml, the spec the run was made with`);
    opened = await openSpec(ownSpec, options);
    spec = await resumedSpec(runDir, opened, file, values);
  } else {
    opened = await openSpec(file!, options);
    spec = anchored(opened);
    runDir = newRunDirectory(spec, values, io);
  }
  const lock = DirectoryLock.acquire(runDir, { mode: 'exclusive', what: 'run directory', command: 'hyperspec train' });
  try {
    io.stderr.write(`${opened.file}: training "${spec.name}" (seed ${spec.seed}, backend ${opened.engine.backend.name})\n`);
    const result = await runTraining(spec, opened.container, {
      baseDir: opened.baseDir,
      runDir,
      resume: Boolean(resume),
      callbacks: values.quiet ? [] : [new ProgressReporter({ stream: io.stderr })],
      out: values.quiet ? null : io.stderr,
      writtenSpec: resume ? undefined : readFileSync(opened.file, 'utf8'),
    });
    const report = values.report ? (await writeReport(result.runDir)).file : undefined;
    if (report) io.stderr.write(`report: ${report}\n`);
    io.stdout.write(JSON.stringify({ run_dir: result.runDir, epochs: result.history.length, stopped: result.stopped, ...result.final, ...(report ? { report } : {}) }) + '\n');
    return 0;
  } finally {
    lock.release();
  }
}
