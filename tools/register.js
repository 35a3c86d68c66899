// Runs TypeScript sources in Node: `node -r ./tools/register.js file.ts`.
// Same swc settings as Jest (.swcrc): decorator metadata for Nest/TypeORM, CommonJS output.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { addHook } = require('pirates');
const { transformSync } = require('@swc/core');

const swcConfig = JSON.parse(readFileSync(join(__dirname, '..', '.swcrc'), 'utf8'));

addHook((code, filename) => transformSync(code, { ...swcConfig, swcrc: false, filename, sourceMaps: 'inline' }).code, {
  exts: ['.ts'],
  ignoreNodeModules: true,
});
process.setSourceMapsEnabled?.(true);
