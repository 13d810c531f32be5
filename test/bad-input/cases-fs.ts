import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { iris, runIn, writeSpec, writeText, type BadInput, type Fixtures } from './corpus.js';

function fs(name: string, setup: ((dir: string, fx: Fixtures) => void) | undefined, args: string[], message: RegExp, isolated = false): BadInput {
  return { name: `fs: ${name}`, group: 'fs', setup, args, message, isolated };
}

const spec = (dir: string) => writeSpec(dir, 's.yaml', iris());
const fifo = (path: string) => {
  const r = spawnSync('mkfifo', [path]);
  if (r.status !== 0) throw new Error(`mkfifo ${path} failed: ${r.stderr}`);
};

export const fsCases: BadInput[] = [
  fs('--run-dir an earlier run', (dir, fx) => {
    spec(dir);
    runIn(dir, fx);
  }, ['train', 's.yaml', '--run-dir', 'run', '--quiet'], /--run-dir run already holds files; hyperspec never reuses a run directory[\s\S]*hint: continue that run with --resume run, start over with --overwrite/),
  fs('--run-dir a file', (dir) => {
    spec(dir);
    writeText(dir, 'file', 'x');
  }, ['train', 's.yaml', '--run-dir', 'file', '--quiet'], /--run-dir file is a file, not a directory/),
  fs('--run-dir under a file', (dir) => {
    spec(dir);
    writeText(dir, 'file', 'x');
  }, ['train', 's.yaml', '--run-dir', 'file/run', '--quiet'], /cannot create the directory .*file\/run: a part of the path is a file, not a directory/),
  fs('--run-dir in /proc', spec, ['train', 's.yaml', '--run-dir', '/proc/hyperspec-nope/run', '--quiet'], /cannot create the directory \/proc\/hyperspec-nope(\/run)?: (no such file or directory|permission denied|operation not permitted)/),
  fs('--run-dir in /sys (not writable)', spec, ['train', 's.yaml', '--run-dir', '/sys/hyperspec-nope', '--quiet'], /cannot create the directory \/sys\/hyperspec-nope: (operation not permitted|permission denied|the file system is read-only)/),
  fs('--run-dir with a 300-character name', spec, ['train', 's.yaml', '--run-dir', 'r'.repeat(300), '--quiet'], /cannot create the directory .*r{300}: a name in the path is too long/),
  fs('output_dir under a file', (dir) => {
    writeText(dir, 'file', 'x');
    writeSpec(dir, 's.yaml', iris({ output_dir: 'file/runs' }));
  }, ['train', 's.yaml', '--quiet'], /cannot create the directory .*file\/runs\/bad: a part of the path is a file, not a directory/),
  fs('output_dir in /proc', (dir) => writeSpec(dir, 's.yaml', iris({ output_dir: '/proc/hyperspec-nope' })), ['train', 's.yaml', '--quiet'], /cannot create the directory \/proc\/hyperspec-nope/),
  fs('--study-dir a file', (dir) => {
    writeSpec(dir, 's.yaml', iris({ search: { trials: 1, space: { 'model.units': { type: 'int', low: 2, high: 4 } } } }));
    writeText(dir, 'file', 'x');
  }, ['search', 's.yaml', '--study-dir', 'file', '--quiet'], /cannot create the directory .*cases\/\d+\/file: a part of the path is a file, not a directory/),
  fs('schema --out a directory', (dir) => mkdirSync(join(dir, 'out')), ['schema', '--out', 'out'], /cannot write out: it is a directory/),
  fs('schema --out under a file', (dir) => writeText(dir, 'file', 'x'), ['schema', '--out', 'file/schema.json'], /cannot create the directory file: a part of the path is a file, not a directory/),
  fs('schema --out in /proc', undefined, ['schema', '--out', '/proc/hyperspec-nope/schema.json'], /cannot create the directory \/proc\/hyperspec-nope/),
  fs('a FIFO as the spec', (dir) => fifo(join(dir, 's.yaml')), ['validate', 's.yaml'], /cannot read spec file s\.yaml: it is a named pipe \(FIFO\), not a regular file/, true),
  fs('a FIFO as a csv file', (dir) => {
    fifo(join(dir, 'd.csv'));
    writeSpec(dir, 's.yaml', iris({ data: { type: 'csv', path: 'd.csv', target: 'label' } }));
  }, ['train', 's.yaml', '--quiet'], /data\.path: csv dataset: cannot read ".*d\.csv" \(tried .*d\.csv\): it is not a regular file/, true),
  fs('a FIFO as an idx file', (dir) => {
    fifo(join(dir, 'img.idx'));
    writeSpec(dir, 's.yaml', iris({ data: { type: 'idx', images: 'img.idx', labels: 'img.idx' } }));
  }, ['train', 's.yaml', '--quiet'], /data\.images: idx dataset: cannot read "img\.idx" .*it is not a regular file/, true),
  fs('a FIFO as checkpoint.json', (dir, fx) => {
    const run = runIn(dir, fx);
    spawnSync('rm', [join(run, 'checkpoint.json')]);
    fifo(join(run, 'checkpoint.json'));
  }, ['train', '--resume', 'run', '--quiet'], /cannot read checkpoint .*checkpoint\.json: it is a named pipe \(FIFO\), not a regular file/, true),
  fs('a FIFO as leaderboard.json', (dir) => fifo(join(dir, 'leaderboard.json')), ['study', 'leaderboard.json'], /cannot read leaderboard .*leaderboard\.json: it is a named pipe \(FIFO\)/, true),
  fs('--resume a run another process is training', (dir, fx) => fx.inUse(runIn(dir, fx), 'exclusive', 'hyperspec train'), ['train', '--resume', 'run', '--quiet'],
    /run directory .*run is in use by process \d+ \(hyperspec train\), since 2026-01-01T00:00:00\.000Z[\s\S]*hint: wait for it to finish; if no such process is running, remove .*\.hyperspec-lock/),
  fs('--overwrite a run another process is training', (dir, fx) => {
    spec(dir);
    fx.inUse(runIn(dir, fx), 'exclusive', 'hyperspec train');
  }, ['train', 's.yaml', '--run-dir', 'run', '--overwrite', '--quiet'], /run directory .*run is in use by process \d+ \(hyperspec train\), .*so it cannot be moved aside/),
  fs('--new-study on a study another process works on', (dir, fx) => {
    fx.study(dir);
    fx.inUse(join(dir, 'runs/bad-search-study'), 'shared', 'hyperspec search');
  }, ['search', 'search.yaml', '--new-study', '--quiet'], /study directory .*bad-search-study is in use by process \d+ \(hyperspec search\), .*so it cannot be moved aside/),
  fs('--resume a directory that is no run', (dir) => mkdirSync(join(dir, 'empty')), ['train', '--resume', 'empty'], /cannot resume: empty has no checkpoint\.json/),
  fs('--resume a missing directory', undefined, ['train', '--resume', 'nowhere'], /cannot resume: nowhere has no checkpoint\.json/),
  fs('--resume a run whose spec.resolved.yaml is gone', (dir, fx) => spawnSync('rm', [join(runIn(dir, fx), 'spec.resolved.yaml')]), ['train', '--resume', 'run'], /cannot resume: run has no spec\.resolved\.yaml/),
  fs('--resume with another spec', (dir, fx) => {
    runIn(dir, fx);
    writeSpec(dir, 'other.yaml', { ...fxSpec(), train: { ...fxSpec().train, optimizer: { type: 'sgd', learning_rate: 0.5 } } });
  }, ['train', 'other.yaml', '--resume', 'run', '--quiet'], /other\.yaml is not the spec the run in .*run was made with \(.*spec\.resolved\.yaml\):\n[\s\S]*train\.optimizer\.learning_rate: 0\.05 → 0\.5[\s\S]*only train\.epochs may grow/),
  fs('--resume with fewer epochs', (dir, fx) => {
    runIn(dir, fx);
    writeSpec(dir, 'other.yaml', { ...fxSpec(), train: { ...fxSpec().train, epochs: 1 } });
  }, ['train', 'other.yaml', '--resume', 'run', '--quiet'], /train\.epochs: 2 → 1/),
  fs('--resume and --run-dir together', spec, ['train', 's.yaml', '--resume', 'a', '--run-dir', 'b'], /--resume DIR continues the run in DIR, --run-dir names a new one/),
  fs('--resume and --overwrite together', spec, ['train', '--resume', 'a', '--overwrite'], /--resume continues a run and --overwrite starts one over/),
  fs('--overwrite without --run-dir', spec, ['train', 's.yaml', '--overwrite'], /--overwrite goes with --run-dir DIR/),
  fs('two spec files', spec, ['train', 's.yaml', 's.yaml'], /train takes one file, but "s\.yaml" was given too/),
  fs('three spec files to validate', spec, ['validate', 's.yaml', 'a.yaml', 'b.yaml'], /validate takes one file, but "a\.yaml" "b\.yaml" were given too/),
  fs('a file for schema', undefined, ['schema', 'x.yaml'], /schema takes no file, but "x\.yaml" was given too/),
  fs('a third file for predict', undefined, ['predict', 'run', 'in.csv', 'more.csv'], /predict takes two files, but "more\.csv" was given too/),
  fs('a second run for evaluate', undefined, ['evaluate', 'run', 'other'], /evaluate takes one file, but "other" was given too/),
  fs('a second run for export', undefined, ['export', 'run', 'other', '--format', 'onnx'], /export takes one file, but "other" was given too/),
  fs('an unknown command', undefined, ['trian', 's.yaml'], /unknown command "trian" — did you mean "train"\?/),
  fs('an unknown option', undefined, ['train', 's.yaml', '--epochs', '3'], /error: Unknown option '--epochs'/),
  fs('train without a spec', undefined, ['train'], /train needs a spec file/),
  fs('study copy without a target', undefined, ['study', 'copy', 'a.db'], /study copy needs a source and a target/),
  fs('study copy with a third path', undefined, ['study', 'copy', 'a.db', 'b.db', 'c.db'], /study takes 3 arguments, but "c\.db" was given too\n {2}usage: hyperspec study copy <FROM> <TO>/),
  fs('study without a path', undefined, ['study'], /study needs a study directory, a database file or a postgres:\/\/ URL \(or HYPERSPEC_STORAGE_URL set\)/),
];

/** The spec the run fixture was trained from (see bad-input.test.ts). */
export function fxSpec() {
  return iris({
    name: 'bad-run',
    model: { type: 'sequential', layers: [{ type: 'dense', units: 8, activation: 'relu' }, { type: 'dropout', rate: 0.3 }, { type: 'dense', units: 3 }] },
  });
}
