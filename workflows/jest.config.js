module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'workflows',
  rootDir: __dirname,
  testPathIgnorePatterns: ['/node_modules/', '/worker/'],
};
