import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { irisSearch, writeSpec, type BadInput, type Fixtures, type SpecData } from './corpus.js';

const STUDY = 'runs/bad-search-study';
const DB = `${STUDY}/study.db`;

/** A case on a copy of the finished study: `damage` it, then run `args` in its directory. */
function study(name: string, damage: (dir: string) => void, args: string[], message: RegExp): BadInput {
  return {
    name: `study: ${name}`,
    group: 'study',
    setup: (dir: string, fx: Fixtures) => {
      fx.study(dir);
      damage(dir);
    },
    args,
    message,
  };
}

/** A resume of the study with a changed spec, which must be refused with the change named. */
function drift(name: string, changed: SpecData, message: RegExp): BadInput {
  return study(`resumed with ${name}`, (dir) => writeSpec(dir, 'changed.yaml', changed), ['search', 'changed.yaml', '--quiet'], message);
}

const writeDb = (bytes: Uint8Array | string) => (dir: string) => writeFileSync(join(dir, DB), bytes);
const damageDb = (edit: (b: Buffer) => Buffer) => (dir: string) => writeFileSync(join(dir, DB), edit(readFileSync(join(dir, DB))));
const board = (text: string) => (dir: string) => writeFileSync(join(dir, STUDY, 'leaderboard.json'), text);
const base = irisSearch();
const DAMAGED = /sqlite storage: .*study\.db is damaged or not a study database[\s\S]*hint: restore the database from a backup, or start a new study with --new-study/;

export const studyCases: BadInput[] = [
  study('a 0-byte study.db beside old trials', writeDb(''), ['search', 'search.yaml', '--quiet'], /sqlite storage .*study\.db holds no study "bad-search", but .*trials has 2 trial directories of an earlier one: its database was lost or replaced[\s\S]*--new-study/),
  study('study.db deleted beside old trials', (dir) => rmSync(join(dir, DB)), ['search', 'search.yaml', '--quiet'], /holds no study "bad-search", but .*trials has 2 trial directories/),
  study('study.db of garbage bytes', writeDb(Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 131) % 251))), ['search', 'search.yaml', '--quiet'], DAMAGED),
  study('study.db of text', writeDb('this is not a database\n'.repeat(100)), ['search', 'search.yaml', '--quiet'], DAMAGED),
  study('study.db cut in half', damageDb((b) => b.subarray(0, b.length >> 1)), ['search', 'search.yaml', '--quiet'], /study\.db (is damaged|holds no study)/),
  study('study.db with garbled pages', damageDb((b) => {
    const out = Buffer.from(b);
    for (let i = 4096; i < out.length; i++) out[i] = (i * 97) & 0xff;
    return out;
  }), ['search', 'search.yaml', '--quiet'], DAMAGED),
  study('study.db header garbled', damageDb((b) => {
    const out = Buffer.from(b);
    out.write('NOT SQLITE AT ALL', 0);
    return out;
  }), ['search', 'search.yaml', '--quiet'], DAMAGED),
  study('study.db a directory', (dir) => {
    rmSync(join(dir, DB));
    mkdirSync(join(dir, DB));
  }, ['search', 'search.yaml', '--quiet'], /sqlite storage: cannot open .*study\.db/),
  study('hyperspec study on garbled pages', damageDb((b) => {
    const out = Buffer.from(b);
    for (let i = 4096; i < out.length; i++) out[i] = (i * 89) & 0xff;
    return out;
  }), ['study', DB], DAMAGED),
  study('hyperspec study on a text file named .db', writeDb('hello'), ['study', DB], DAMAGED),
  study('leaderboard.json truncated', (dir) => {
    const f = join(dir, STUDY, 'leaderboard.json');
    const t = readFileSync(f, 'utf8');
    writeFileSync(f, t.slice(0, t.length >> 1));
  }, ['study', `${STUDY}/leaderboard.json`], /leaderboard\.json is not valid JSON .*truncated or garbled[\s\S]*hint: a search writes it/),
  study('leaderboard.json empty', board(''), ['study', `${STUDY}/leaderboard.json`], /leaderboard\.json is not valid JSON/),
  study('leaderboard.json a list', board('[]'), ['study', `${STUDY}/leaderboard.json`], /leaderboard\.json is not a study leaderboard: it is not a JSON object/),
  study('leaderboard.json without trials', board('{"study":"x","objective":{"metric":"m","direction":"minimize"},"space":{}}'), ['study', `${STUDY}/leaderboard.json`], /leaderboard\.json is not a study leaderboard: "trials" is not a list/),
  study('leaderboard.json with a bad trial', board('{"study":"x","objective":{"metric":"m","direction":"minimize"},"space":{},"trials":[{"number":"zero"}]}'), ['study', `${STUDY}/leaderboard.json`], /leaderboard\.json is not a study leaderboard: trial entry 0 is not a trial/),
  study('leaderboard.json with a damaged space', board('{"study":"x","objective":{"metric":"m","direction":"minimize"},"space":{"a":5},"trials":[]}'), ['study', `${STUDY}/leaderboard.json`], /leaderboard\.json is not a study leaderboard: "space" entry "a" is not a distribution/),
  study('leaderboard.json with a bad direction', board('{"study":"x","objective":{"metric":"m","direction":"up"},"space":{},"trials":[]}'), ['study', `${STUDY}/leaderboard.json`], /"objective" is not \{ metric, direction \}/),
  drift('3 → 9 epochs', irisSearch({ train: { ...base.train, epochs: 9 } }), /study "bad-search" in sqlite storage .*study\.db was made from a different spec; its trials would be compared with trials trained differently:\n  train\.epochs: 2 → 9[\s\S]*hint: run again with --new-study/),
  drift('another searcher', irisSearch({}, { searcher: { type: 'tpe' } }), /made from a different spec[\s\S]*search\.searcher\.type: "random" → "tpe"/),
  drift('another model', irisSearch({ model: { ...base.model, units: 16 } }), /made from a different spec[\s\S]*model\.units: 4 → 16/),
  drift('another dataset option', irisSearch({ data: { type: 'iris', validation_split: 0.3 } }), /data\.validation_split: 0\.2 → 0\.3/),
  drift('a pruner added', irisSearch({}, { pruner: { type: 'median' } }), /search\.pruner\.type: \(absent\) → "median"/),
  drift('another seed', irisSearch({ seed: 2 }), /seed: 1 → 2/),
  drift('another space', irisSearch({}, { space: { 'train.optimizer.learning_rate': { type: 'loguniform', low: 0.001, high: 0.1 } } }), /was made with a different search space .*changed train\.optimizer\.learning_rate/),
  drift('another objective', irisSearch({}, { objective: { metric: 'val_accuracy', direction: 'maximize' } }), /search.objective: study "bad-search" in sqlite storage .*study\.db optimises val_loss \(minimize\), but this one's objectives are val_accuracy \(maximize\)/),
  study('hyperspec study on a missing path', () => undefined, ['study', 'nowhere'], /nowhere does not exist/),
  study('hyperspec study on a folder without a study', (dir) => mkdirSync(join(dir, 'empty')), ['study', 'empty'], /empty holds no study: no \.db file and no leaderboard\.json/),
];
