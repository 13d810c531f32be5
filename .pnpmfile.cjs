// pnpm hooks. better-sqlite3 (the SQLite study storage) compiles its native binding with node-gyp when
// no prebuilt binary can be downloaded; node-gyp would then download the Node.js headers, which fails
// without internet access. Node installations ship those headers in <prefix>/include/node, so point
// node-gyp there (pnpm passes only a few environment variables to build scripts, hence `extraEnv`).
const { existsSync } = require('node:fs');
const { dirname, join } = require('node:path');

module.exports = {
  hooks: {
    updateConfig(config) {
      const prefix = dirname(dirname(process.execPath));
      if (!process.env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'common.gypi'))) {
        config.extraEnv = { ...config.extraEnv, npm_config_nodedir: prefix };
      }
      return config;
    },
  },
};
