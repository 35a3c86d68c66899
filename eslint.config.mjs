import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';

const nodeBuiltins = [
  'assert',
  'async_hooks',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

const boundaryOptions = { enforceBuildableLibDependency: false, allow: [] };

// libs/testing (type:testing) is for tests, e2e, the demo, the bench and `npm start`: no production
// lib, workflow or deployed app may depend on it (type:app is what is deployed; tools are type:tooling).
const depConstraints = [
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:workflows', onlyDependOnLibsWithTags: ['type:contracts', 'type:pure'] },
  { sourceTag: 'type:pure', onlyDependOnLibsWithTags: ['type:contracts', 'type:pure'] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:contracts', 'type:pure', 'type:lib'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:pure', 'type:lib'] },
  { sourceTag: 'type:app', notDependOnLibsWithTags: ['type:app'] },
  // Direct dependencies only: a lib's own tests may use libs/testing (below), which a transitive rule would count against the app.
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:pure', 'type:lib', 'type:workflows'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:workflows', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:journey-worker', onlyDependOnLibsWithTags: ['scope:shared', 'scope:workflows'] },
  { sourceTag: 'scope:screening', onlyDependOnLibsWithTags: ['scope:shared', 'scope:screening'] },
  { sourceTag: 'scope:referral', onlyDependOnLibsWithTags: ['scope:shared', 'scope:referral'] },
  { sourceTag: 'scope:intervention', onlyDependOnLibsWithTags: ['scope:shared', 'scope:intervention'] },
  { sourceTag: 'scope:victim-support', onlyDependOnLibsWithTags: ['scope:shared', 'scope:victim-support'] },
  { sourceTag: 'scope:infra', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared', 'scope:infra', 'scope:screening'] },
];

// A project's tests may also use libs/testing, as a devDependency: everything else stays as above.
const testDepConstraints = depConstraints.map((c) =>
  c.sourceTag.startsWith('type:') && c.onlyDependOnLibsWithTags
    ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'] }
    : c,
);

const testFiles = ['**/*.spec.ts', '**/*.test.ts', '**/test/**/*.ts'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/tmp/**', '.nx/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': ['error', { ...boundaryOptions, depConstraints }],
    },
  },
  {
    // Workflow code must be deterministic: no Node built-ins, no I/O libraries, no clocks or randomness
    // beyond what the Temporal sandbox replaces.
    files: ['workflows/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.flatMap((name) => [
            { name, message: 'Workflows are deterministic: no Node built-ins. Do I/O in an activity.' },
            { name: `node:${name}`, message: 'Workflows are deterministic: no Node built-ins. Do I/O in an activity.' },
          ]),
          patterns: [
            { group: ['node:*'], message: 'Workflows are deterministic: no Node built-ins. Do I/O in an activity.' },
            {
              group: [
                'typeorm',
                'typeorm/*',
                'pg',
                'kafkajs',
                '@nestjs/*',
                'pino',
                'jose',
                '@temporalio/worker',
                '@temporalio/client',
                '@temporalio/activity',
                '@temporalio/testing',
              ],
              message: 'Workflows may import only @temporalio/workflow, contracts and pure utilities. Do I/O in an activity.',
            },
          ],
        },
      ],
    },
  },
  {
    files: testFiles,
    rules: {
      'no-restricted-imports': 'off',
      '@nx/enforce-module-boundaries': ['error', { ...boundaryOptions, depConstraints: testDepConstraints }],
    },
  },
);
