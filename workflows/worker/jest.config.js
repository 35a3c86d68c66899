module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'journey-worker',
  rootDir: __dirname,
};
