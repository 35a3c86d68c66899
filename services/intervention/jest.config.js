module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'intervention',
  rootDir: __dirname,
};
