import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { iris, irisSearch, writeSpec, writeText, type BadInput, type SpecData } from './corpus.js';

/** A spec case: `spec` written to s.yaml, validated (or trained) with the CLI. */
function spec(name: string, data: SpecData | string, message: RegExp, command: 'validate' | 'train' | 'search' = 'validate'): BadInput {
  return {
    name: `spec: ${name}`,
    group: 'spec',
    setup: (dir) => (typeof data === 'string' ? writeText(dir, 's.yaml', data) : writeSpec(dir, 's.yaml', data)),
    args: command === 'train' ? ['train', 's.yaml', '--quiet'] : [command, 's.yaml'],
    message,
  };
}

const base = iris();
const train = (t: SpecData) => iris({ train: { ...base.train, ...t } });
const YAML_HEAD = 'data: { type: iris }\nmodel: { type: mlp }\nloss: cross_entropy\n';

export const specCases: BadInput[] = [
  // Unbounded and non-finite values.
  spec('epochs .inf', `${YAML_HEAD}train: { epochs: .inf }\n`, /s\.yaml:4:18 train\.epochs: must be a finite number/),
  spec('epochs 1e400', `${YAML_HEAD}train: { epochs: 1e400 }\n`, /s\.yaml:4:18 train\.epochs: must be a finite number/),
  spec('epochs 1e12', train({ epochs: 1e12 }), /s\.yaml:\d+:\d+ train\.epochs: must be <= 100000 \(got 1000000000000\)/),
  spec('epochs -.inf', `${YAML_HEAD}train: { epochs: -.inf }\n`, /train\.epochs: must be a finite number \(got -\.inf\)/),
  spec('epochs .nan', `${YAML_HEAD}train: { epochs: .nan }\n`, /train\.epochs: must be a finite number \(got \.nan\)/),
  spec('epochs 0', train({ epochs: 0 }), /train\.epochs: must be >= 1 \(got 0\)/),
  spec('epochs 2.5', train({ epochs: 2.5 }), /train\.epochs: must be integer \(got 2\.5\)/),
  spec('epochs a string', train({ epochs: 'ten' }), /train\.epochs: must be integer \(got "ten"\)/),
  spec('batch_size 0', train({ batch_size: 0 }), /train\.batch_size: must be >= 1/),
  spec('batch_size 1e9', train({ batch_size: 1e9 }), /train\.batch_size: must be <= 1000000/),
  spec('batch_size .inf', `${YAML_HEAD}train: { batch_size: .inf }\n`, /train\.batch_size: must be a finite number/),
  spec('checkpoint_every 1e7', train({ checkpoint_every: 1e7 }), /train\.checkpoint_every: must be <= 100000/),
  spec('patience 1e9', train({ early_stopping: { patience: 1e9 } }), /train\.early_stopping\.patience: must be <= 100000/),
  spec('learning_rate .inf', `${YAML_HEAD}train: { optimizer: { type: sgd, learning_rate: .inf } }\n`, /train\.optimizer\.learning_rate: must be a finite number/),
  spec('learning_rate negative', train({ optimizer: { type: 'sgd', learning_rate: -0.1 } }), /train\.optimizer\.learning_rate: must be > 0 \(got -0\.1\)/),
  spec('gradient_clip .inf', `${YAML_HEAD}train: { gradient_clip: { norm: .inf } }\n`, /train\.gradient_clip\.norm: must be a finite number/),
  spec('units .inf', `data: { type: iris }\nmodel: { type: mlp, units: .inf }\nloss: cross_entropy\n`, /s\.yaml:2:\d+ model\.units: must be a finite number/),
  spec('units 1e7 in a dense layer', iris({ model: { type: 'sequential', layers: [{ type: 'dense', units: 1e7 }, { type: 'dense', units: 3 }] } }), /model\.layers\[0\]\.units: must be <= 1000000/),
  spec('filters 1e6', iris({ data: { type: 'mnist', train_limit: 10, test_limit: 0 }, model: { type: 'sequential', layers: [{ type: 'conv2d', filters: 1e6, kernel_size: 3 }] } }), /model\.layers\[0\]\.filters: must be <= 16384/),
  spec('search.trials .inf', irisSearch({}, { trials: Infinity }), /search\.trials: must be a finite number/),
  spec('search.trials 1e12', irisSearch({}, { trials: 1e12 }), /search\.trials: must be <= 100000 \(got 1000000000000\)/),
  spec('search.parallel 1000', irisSearch({}, { parallel: 1000 }), /search\.parallel: must be <= 64/),
  spec('search.timeout .inf', irisSearch({}, { timeout: Infinity }), /search\.timeout: must be a finite number/),
  spec('grid points 1e6', irisSearch({}, { searcher: { type: 'grid' }, space: { 'train.optimizer.learning_rate': { type: 'uniform', low: 0.01, high: 0.1, points: 1e6 } } }), /points: must be <= 10000/),
  spec('space high 1e12 for units', irisSearch({}, { space: { 'model.units': { type: 'int', low: 4, high: 1e12 } } }), /search\.space\.model\.units\.high: model\.units must be <= 65536/),
  spec('space low .nan', irisSearch({}, { space: { 'train.optimizer.learning_rate': { type: 'uniform', low: NaN, high: 0.1 } } }), /low: must be a finite number \(got \.nan\)/),
  spec('schedule t_max 1e12', train({ schedule: { type: 'cosine', t_max: 1e12 } }), /train\.schedule\.t_max: must be <= 1000000000/),
  // Seeds.
  spec('seed 2^32', iris({ seed: 2 ** 32 }), /s\.yaml:\d+:\d+ seed: must be <= 4294967295 \(got 4294967296\)/),
  spec('seed 2^32 + 7 (would alias seed 7)', iris({ seed: 2 ** 32 + 7 }), /seed: must be <= 4294967295/),
  spec('seed -1', iris({ seed: -1 }), /seed: must be >= 0 \(got -1\)/),
  spec('seed 1.5', iris({ seed: 1.5 }), /seed: must be integer \(got 1\.5\)/),
  spec('seed 1e400', `seed: 1e400\n${YAML_HEAD}`, /s\.yaml:1:7 seed: must be a finite number/),
  // Names: they become directory names.
  spec('name ../../x', iris({ name: '../../x' }), /name: must be a plain name .* \(got "\.\.\/\.\.\/x"\)/),
  spec('name with a slash', iris({ name: 'a/b' }), /name: must be a plain name/),
  spec('name ..', iris({ name: '..' }), /name: must be a plain name/),
  spec('name with a backslash', iris({ name: 'a\\b' }), /name: must be a plain name/),
  spec('name of 300 characters', iris({ name: 'n'.repeat(300) }), /name: must be at most 100 characters long/),
  spec('name empty', iris({ name: '' }), /name: must not be empty/),
  spec('name starting with a dot', iris({ name: '.hidden' }), /name: must be a plain name/),
  spec('name with a NUL byte', iris({ name: 'a\u0000b' }), /name: must be a plain name/),
  // Splits that leave nothing on a side (found when the data is loaded).
  spec('validation_split 0.9999', iris({ data: { type: 'iris', validation_split: 0.9999 } }), /data\.validation_split: validation_split 0\.9999 of 150 training samples leaves 0 for training and 150 for validation/, 'train'),
  spec('validation_split 0.001', iris({ data: { type: 'iris', validation_split: 0.001 } }), /data\.validation_split: validation_split 0\.001 of 150 training samples leaves 150 for training and 0 for validation/, 'train'),
  spec('validation_split 1', iris({ data: { type: 'iris', validation_split: 1 } }), /data\.validation_split: must be < 1 \(got 1\)/),
  spec('test_split 0.001 on iris', iris({ data: { type: 'iris', test_split: 0.001 } }), /data\.test_split: test_split 0\.001 of 150 samples leaves 150 for training and 0 for testing/, 'train'),
  spec('validation after test leaves nothing', iris({ data: { type: 'iris', test_split: 0.9, validation_split: 0.99 } }), /validation_split 0\.99 of 15 training samples leaves 0 for training/, 'train'),
  // Structure and types.
  spec('empty file', '', /the spec is empty; it needs at least data, model and loss/),
  spec('a list, not a mapping', '- a\n- b\n', /the spec must be a mapping of keys/),
  spec('tab indentation', 'data:\n\ttype: iris\n', /s\.yaml:2:1: invalid YAML: tabs are not allowed for indentation/),
  spec('unclosed flow mapping', 'data: { type: iris\nmodel: mlp\n', /s\.yaml:\d+:\d+: invalid YAML/),
  spec('duplicate key', `${YAML_HEAD}loss: mse\n`, /s\.yaml:4:1: duplicate key "loss"/),
  spec('unknown root key', iris({ epochs: 3 }), /unknown key "epochs"/),
  spec('typo in a type', iris({ train: { ...base.train, optimizer: { type: 'adm' } } }), /unknown optimizer "adm" — did you mean "adam"\?/),
  spec('unknown dataset', iris({ data: { type: 'irs' } }), /unknown dataset "irs" — did you mean "iris"\?/),
  spec('missing data', { model: { type: 'mlp' }, loss: 'cross_entropy' }, /missing required key "data"/),
  spec('alias bomb', `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n`, /invalid YAML: .*alias/i),
  spec('unresolved alias', `${YAML_HEAD}metrics: *nothing\n`, /s\.yaml:\d+:\d+: invalid YAML: unresolved alias/),
  spec('binary garbage', Buffer.from([0x00, 0x01, 0x02, 0xfe, 0x03]).toString('latin1'), /s\.yaml|invalid YAML|spec/),
  spec('search objective not a metric', irisSearch({}, { objective: { metric: 7 } }), /search\.objective\.metric: must be string \(got 7\)/),
  spec('search space path that does not exist', irisSearch({}, { space: { 'train.optimiser.learning_rate': { type: 'uniform', low: 0.1, high: 0.2 } } }), /search\.space/),
  spec('search space low above high', irisSearch({}, { space: { 'train.optimizer.learning_rate': { type: 'uniform', low: 0.2, high: 0.1 } } }), /search\.space\.train\.optimizer\.learning_rate/),
  spec('plugins not a list', `plugins: ./x\n${YAML_HEAD}`, /s\.yaml:1:10 plugins: must be a list of plugin package names or paths/),
  spec('plugins with an empty name', `plugins: [""]\n${YAML_HEAD}`, /s\.yaml:1:11 plugins\[0\]: must be a plugin package name or a path/),
  spec('backend unknown', iris({ backend: 'gpu' }), /backend: unknown backend "gpu"/),
  {
    name: 'spec: search on a spec without search:',
    group: 'spec',
    setup: (dir) => writeSpec(dir, 's.yaml', iris()),
    args: ['search', 's.yaml'],
    message: /s\.yaml has no search: block/,
  },
  {
    name: 'spec: invalid UTF-8',
    group: 'spec',
    setup: (dir) => writeText(dir, 's.yaml', Buffer.from([0x64, 0x61, 0x74, 0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0a])),
    args: ['validate', 's.yaml'],
    message: /cannot read spec file s\.yaml: it is not UTF-8 text/,
  },
  {
    name: 'spec: a file larger than 10 MiB',
    group: 'spec',
    setup: (dir) => writeText(dir, 's.yaml', `# ${'x'.repeat(11 * 1024 * 1024)}\n`),
    args: ['validate', 's.yaml'],
    message: /cannot read spec file s\.yaml: it is \d+ bytes, more than the 10485760 bytes a spec file may have/,
  },
  {
    name: 'spec: a directory',
    group: 'spec',
    setup: (dir) => mkdirSync(join(dir, 's.yaml')),
    args: ['validate', 's.yaml'],
    message: /cannot read spec file s\.yaml: it is a directory, not a regular file/,
  },
  {
    name: 'spec: missing file',
    group: 'spec',
    args: ['train', 'nope.yaml'],
    message: /cannot read spec file nope\.yaml: no such file or directory/,
  },
  {
    name: 'spec: /dev/zero',
    group: 'spec',
    args: ['validate', '/dev/zero'],
    message: /cannot read spec file \/dev\/zero: it is a character device, not a regular file/,
    isolated: true,
  },
];
