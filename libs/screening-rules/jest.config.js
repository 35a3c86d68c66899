module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'screening-rules',
  rootDir: __dirname,
};
