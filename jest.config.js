// Every project's tests in one run (`npm test` drives this after starting the stack).
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const groups = ['libs', 'services'];
const roots = ['infra', 'workflows', 'workflows/worker', 'e2e', 'tools'];
const projectDirs = groups
  .flatMap((group) => readdirSync(join(__dirname, group)).map((name) => `${group}/${name}`))
  .concat(roots)
  .filter((dir) => existsSync(join(__dirname, dir, 'jest.config.js')));

module.exports = {
  projects: projectDirs.map((dir) => `<rootDir>/${dir}`),
};
