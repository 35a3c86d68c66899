import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadStackConfig } from '../src/config';
import { systemNeeds, TEST_TOOLS } from '../src/provision/system-packages';

// Every command a test, script or tool of this repository runs must be provisioned or be part of the
// machine the README asks for; this reads the sources for the commands they start, so a new test
// that shells out to an unprovisioned tool fails here on every machine, not only on a fresh one.

const REPO_ROOT = join(__dirname, '..', '..');
const SCANNED = ['libs', 'services', 'workflows', 'e2e', 'tools', 'infra'];

/** Commands the README's prerequisites provide (Node with npm, Go, Java with Maven, a Debian base), with why each may be assumed. */
const MACHINE: Record<string, string> = {
  node: 'the runtime itself (README prerequisite)',
  npx: 'comes with npm (README prerequisite)',
  npm: 'README prerequisite',
  sh: 'POSIX shell of every Debian base',
  tail: 'coreutils, in every Debian base (stack logs -f)',
  go: 'README prerequisite: builds the Temporal CLI; provisioning says so when it is missing',
  'apt-get': 'Debian base: provisioning installs with it, and says what to run by hand when it cannot',
  // Optional: used only when present (probed with commandExists or guarded by try/catch).
  pg_lsclusters: "optional: only when Debian's postgresql-common is installed, to stop its cluster",
  pg_ctlcluster: "optional: only when Debian's postgresql-common is installed, to stop its cluster",
  ss: 'optional: names who holds a busy port when it can, nothing breaks without it',
};

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|js|mjs)$/.test(name) ? [path] : [];
  });

/** `spawn('x'`, `execFileSync('x'`, `run('x'` and `{ command: 'x'` with a literal command name. */
const startedCommands = (text: string): string[] => {
  const found = new Set<string>();
  const patterns = [
    /\b(?:spawn|spawnSync|execFile|execFileSync|exec|execSync)\(\s*'([\w.-]+)'/g,
    /\bcommand:\s*'([\w.-]+)'/g,
    /\brun\(\s*'([\w.-]+)'\s*,\s*\[/g,
    /\bcommandExists\(\s*'([\w.-]+)'\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.add(match[1] as string);
  return [...found];
};

describe('the commands tests and scripts run', () => {
  const byCommand = new Map<string, string[]>();
  for (const file of SCANNED.flatMap((dir) => sources(join(REPO_ROOT, dir)))) {
    if (file === __filename) continue;
    for (const command of startedCommands(readFileSync(file, 'utf8'))) {
      byCommand.set(command, [...(byCommand.get(command) ?? []), relative(REPO_ROOT, file)]);
    }
  }

  it('should find the commands it knows are started when it reads the sources', () => {
    expect([...byCommand.keys()]).toEqual(expect.arrayContaining(['docker-compose', 'java', 'mvn', 'go', 'kcat']));
  });

  it('should have every command provisioned or provided by the machine when any source starts it', () => {
    const cfg = loadStackConfig({}, REPO_ROOT);
    const provisioned = new Set(
      systemNeeds(cfg, ['postgres', 'kafka', 'temporal', 'dev-issuer'], { testTools: true }).map((need) => need.debianPackage),
    );
    // Debian package name → the command it brings, where they differ.
    const commandOf: Record<string, string> = { 'default-jre-headless': 'java', maven: 'mvn', postgresql: 'postgres' };
    const provisionedCommands = new Set([...provisioned].map((pkg) => commandOf[pkg] ?? pkg));
    const unprovisioned = [...byCommand.entries()]
      .filter(([command]) => !provisionedCommands.has(command) && MACHINE[command] === undefined)
      .map(([command, files]) => `${command} (started in ${files.join(', ')})`);
    expect(unprovisioned).toEqual([]);
  });

  it('should provision docker-compose for the test suite only when the test tools are asked for', () => {
    const cfg = loadStackConfig({}, REPO_ROOT);
    const packages = (testTools: boolean) =>
      systemNeeds(cfg, ['postgres', 'kafka', 'temporal', 'dev-issuer'], { testTools }).map((n) => n.debianPackage);
    expect(packages(true)).toEqual(expect.arrayContaining(TEST_TOOLS.map((tool) => tool.debianPackage)));
    expect(packages(true)).toContain('docker-compose');
    expect(packages(false)).not.toContain('docker-compose');
  });
});
