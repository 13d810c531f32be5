import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../repo-paths.js';
import { iris, writeSpec, writeText, type BadInput } from './corpus.js';

const core = pathToFileURL(join(repoRoot, 'packages/core/dist/index.js')).href;

/** A plugin package written into `dir/p` (package.json and its files), named from a spec. */
function plugin(name: string, files: Record<string, string>, message: RegExp, options: { isolated?: boolean; viaFlag?: boolean } = {}): BadInput {
  return {
    name: `plugin: ${name}`,
    group: 'plugin',
    setup: (dir) => {
      for (const [file, text] of Object.entries(files)) writeText(dir, `p/${file}`, text);
      writeSpec(dir, 's.yaml', options.viaFlag ? iris() : iris({ plugins: ['./p'] }));
    },
    args: options.viaFlag ? ['validate', 's.yaml', '--plugin', './p'] : ['validate', 's.yaml'],
    message,
    isolated: options.isolated,
  };
}

const pkg = (extra: Record<string, unknown> = {}) => JSON.stringify({ name: 'bad-plugin', type: 'module', main: 'index.js', hyperspec: { plugin: true }, ...extra });

export const pluginCases: BadInput[] = [
  plugin('top-level await that never settles', { 'package.json': pkg(), 'index.js': 'await new Promise(() => {});\nexport default {};\n' }, /s\.yaml:\d+:\d+ plugins\[0\]: plugin "bad-plugin" did not finish loading: its top-level code waits for something that can never happen/, { isolated: true }),
  plugin('top-level await that never settles (--plugin)', { 'package.json': pkg(), 'index.js': 'await new Promise(() => {});\nexport default {};\n' }, /plugin "bad-plugin" did not finish loading/, { isolated: true, viaFlag: true }),
  plugin('a syntax error', { 'package.json': pkg(), 'index.js': 'export default {\n' }, /plugins\[0\]: plugin "bad-plugin" failed to load: /),
  plugin('throws when imported', { 'package.json': pkg(), 'index.js': 'throw new Error("boom at import");\n' }, /plugins\[0\]: plugin "bad-plugin" failed to load: boom at import/),
  plugin('rejects at the top level', { 'package.json': pkg(), 'index.js': 'await Promise.reject(new Error("no config"));\nexport default {};\n' }, /plugin "bad-plugin" failed to load: no config/),
  plugin('imports a missing package', { 'package.json': pkg(), 'index.js': 'import "no-such-package-anywhere";\nexport default {};\n' }, /plugin "bad-plugin" failed to load: .*no-such-package-anywhere/),
  plugin('no default export', { 'package.json': pkg(), 'index.js': 'export const x = 1;\n' }, /plugin "bad-plugin" must default-export a ContainerModule/),
  plugin('default export a number', { 'package.json': pkg(), 'index.js': 'export default 42;\n' }, /plugin "bad-plugin" must default-export a ContainerModule/),
  plugin('not marked as a plugin', { 'package.json': JSON.stringify({ name: 'plain', main: 'index.js' }), 'index.js': 'export default {};\n' }, /plugins\[0\]: package "plain" is not marked as a hyperspec plugin[\s\S]*hint: add "hyperspec": \{ "plugin": true \}/),
  plugin('package.json garbage', { 'package.json': '{ not json', 'index.js': '' }, /plugins\[0\]: plugin "\.\/p": cannot read .*package\.json/),
  plugin('package.json a list', { 'package.json': '[1]', 'index.js': '' }, /plugins\[0\]: plugin "\.\/p": .*package\.json is not a JSON object/),
  plugin('entry file missing', { 'package.json': pkg({ main: 'dist/nothing.js' }) }, /plugins\[0\]: plugin "bad-plugin": its entry .*nothing\.js does not exist[\s\S]*build the plugin first/),
  plugin('main not a string', { 'package.json': pkg({ main: 42 }), 'index.js': 'export default 1;\n' }, /plugin "bad-plugin" must default-export a ContainerModule/),
  plugin('no package.json', { 'index.js': 'export default {};\n' }, /plugins\[0\]: plugin "\.\/p" has no package\.json/),
  {
    // Not the user's fault and not a plugin that failed to load: a component whose promise never
    // settles. Without the guard the process would end with code 0 and no output.
    name: 'plugin: a dataset whose load never settles (the event loop empties)',
    group: 'plugin',
    setup: (dir) => {
      writeText(dir, 'p/package.json', pkg());
      writeText(dir, 'p/index.js', `import { definePlugin } from ${JSON.stringify(core)};
export default definePlugin('bad-plugin', [{ kind: 'dataset', type: 'never', description: 'never loads', schema: { type: 'object', properties: {}, additionalProperties: false }, create: () => ({ load: () => new Promise(() => {}) }) }]);
`);
      writeSpec(dir, 's.yaml', iris({ plugins: ['./p'], data: { type: 'never' } }));
    },
    args: ['train', 's.yaml', '--quiet'],
    code: 2,
    message: /internal error: the command stopped before it completed: the work it was waiting for can never finish/,
    isolated: true,
  },
  {
    name: 'plugin: path that does not exist',
    group: 'plugin',
    setup: (dir) => writeSpec(dir, 's.yaml', iris({ plugins: ['./nowhere'] })),
    args: ['validate', 's.yaml'],
    message: /s\.yaml:\d+:\d+ plugins\[0\]: plugin "\.\/nowhere" not found: .*nowhere does not exist/,
  },
  {
    name: 'plugin: package not installed',
    group: 'plugin',
    setup: (dir) => writeSpec(dir, 's.yaml', iris({ plugins: ['hyperspec-plugin-that-is-not-installed'] })),
    args: ['validate', 's.yaml'],
    message: /plugins\[0\]: plugin package "hyperspec-plugin-that-is-not-installed" is not installed/,
  },
  {
    name: 'plugin: --plugin path that does not exist',
    group: 'plugin',
    setup: (dir) => writeSpec(dir, 's.yaml', iris()),
    args: ['train', 's.yaml', '--plugin', './missing-plugin'],
    message: /plugin "\.\/missing-plugin" not found/,
  },
  {
    name: 'plugin: --plugin for the plugins command',
    group: 'plugin',
    args: ['plugins', '--plugin', './missing-plugin'],
    message: /plugin "\.\/missing-plugin" not found/,
  },
];
