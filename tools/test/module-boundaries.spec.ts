import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/**
 * The lint rules that keep the architecture honest must really fail: a service importing another
 * service, production code importing the test helpers, and workflow code importing Node built-ins or
 * I/O libraries.
 */
describe('lint: module boundaries and deterministic workflows', () => {
  const probes = {
    crossService: join(root, 'services/referral/src/lint-probe-cross-service.ts'),
    sharedLib: join(root, 'services/referral/src/lint-probe-shared-lib.ts'),
    testingInService: join(root, 'services/referral/src/lint-probe-testing.ts'),
    testingInTest: join(root, 'workflows/test/lint-probe-testing.ts'),
    workflowBuiltin: join(root, 'workflows/src/lint-probe-builtin.ts'),
    workflowIo: join(root, 'workflows/src/lint-probe-io.ts'),
  };
  beforeAll(() => {
    writeFileSync(
      probes.crossService,
      "import { serviceDefinition } from '@easi/screening/src/service-definition';\nexport const probe = serviceDefinition.name;\n",
    );
    writeFileSync(probes.sharedLib, "import { TOPICS } from '@easi/contracts';\nexport const probe = TOPICS.custodyEvents;\n");
    writeFileSync(probes.testingInService, "import { uniqueRef } from '@easi/testing';\nexport const probe = uniqueRef;\n");
    writeFileSync(probes.testingInTest, "import { uniqueRef } from '@easi/testing';\nexport const probe = uniqueRef;\n");
    writeFileSync(
      probes.workflowBuiltin,
      "import { readFileSync } from 'node:fs';\nimport { createHash } from 'crypto';\nexport const probe = [readFileSync, createHash];\n",
    );
    writeFileSync(probes.workflowIo, "import { Kafka } from 'kafkajs';\nexport const probe = Kafka;\n");
    lintProbes();
  });

  afterAll(() => {
    for (const file of Object.values(probes)) rmSync(file, { force: true });
  });

  type LintResult = { filePath: string; messages: { ruleId: string | null; severity: number; message: string }[] };
  let results: LintResult[] = [];

  // ESLint runs once over every probe, as the CLI does (its ESM config cannot load inside Jest's sandbox).
  // The boundary rule reads Nx's project graph; computing it first makes the test independent of
  // whether an earlier Nx command left one behind.
  const lintProbes = (): void => {
    spawnSync(process.execPath, [join(root, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'], { cwd: root, encoding: 'utf8' });
    const run = spawnSync(
      process.execPath,
      [join(root, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', ...Object.values(probes)],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    results = JSON.parse(run.stdout) as LintResult[];
  };

  const ruleIds = (file: string): string[] => {
    const result = results.find((r) => r.filePath === file);
    if (!result) throw new Error(`ESLint reported nothing for ${file}`);
    return result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? 'parse-error');
  };

  it('should fail when a service imports another service', () => {
    expect(ruleIds(probes.crossService)).toContain('@nx/enforce-module-boundaries');
  });

  it('should pass when a service imports a shared lib', () => {
    expect(ruleIds(probes.sharedLib)).toEqual([]);
  });

  it('should fail when a service imports the test helpers', () => {
    expect(ruleIds(probes.testingInService)).toContain('@nx/enforce-module-boundaries');
  });

  it('should pass when a test of workflow code imports the test helpers', () => {
    expect(ruleIds(probes.testingInTest)).toEqual([]);
  });

  it('should fail when workflow code imports Node built-ins', () => {
    const result = results.find((r) => r.filePath === probes.workflowBuiltin);
    const restricted = (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports');
    expect(restricted.some((m) => m.message.includes("'node:fs'"))).toBe(true);
    expect(restricted.some((m) => m.message.includes("'crypto'"))).toBe(true);
  });

  it('should fail when workflow code imports an I/O library', () => {
    expect(ruleIds(probes.workflowIo)).toContain('no-restricted-imports');
  });
});
