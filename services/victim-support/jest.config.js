module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'victim-support',
  rootDir: __dirname,
};
