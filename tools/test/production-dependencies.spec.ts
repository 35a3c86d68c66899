import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { transformSync } from '@swc/core';

const root = join(__dirname, '..', '..');

type Manifest = {
  name?: string;
  main?: string;
  workspaces?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
type LockEntry = { version?: string; dev?: boolean; devOptional?: boolean; link?: boolean };

const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(root, path), 'utf8')) as T;

const rootManifest = readJson<Manifest>('package.json');
const lock = readJson<{ packages: Record<string, LockEntry> }>('package-lock.json');
const swcConfig = readJson<Record<string, unknown>>('.swcrc');

/** Every workspace (`libs/*`, `services/*`, …) by package name, with its directory and manifest. */
const workspaces = new Map(
  (rootManifest.workspaces ?? [])
    .flatMap((pattern) =>
      pattern.endsWith('/*') ? readdirSync(join(root, pattern.slice(0, -2))).map((name) => `${pattern.slice(0, -2)}/${name}`) : [pattern],
    )
    .filter((dir) => existsSync(join(root, dir, 'package.json')))
    .map((dir) => {
      const manifest = readJson<Manifest>(`${dir}/package.json`);
      return [manifest.name ?? dir, { dir: join(root, dir), manifest }] as const;
    }),
);

/**
 * Packages production loads without our code naming them, each with why. They must be runtime
 * dependencies too, and nothing else may be one unless production code requires it.
 */
const LOADED_BY_DEPENDENCIES: Record<string, string> = {
  '@nestjs/platform-express': 'NestFactory.create loads the HTTP adapter by name',
  pg: "typeorm's postgres driver loads it by name",
  rxjs: 'peer dependency of @nestjs/common and @nestjs/core',
  '@temporalio/activity': "@temporalio/worker's activity runtime, pinned with the rest of the SDK",
};

/**
 * The production processes are the commands the image runs: docker-compose.yml's (including the
 * token command its header gives) and the Dockerfile's CMD, each `node -r ./tools/register.js <file>.ts`.
 */
const productionEntryPoints = (): string[] => {
  const files = ['docker-compose.yml', 'docker/app.Dockerfile'].map((path) => readFileSync(join(root, path), 'utf8'));
  const entries = files.flatMap((text) => [...text.matchAll(/register\.js"?,?\s+"?([\w./-]+\.ts)\b/g)].map((match) => match[1] as string));
  return ['tools/register.js', ...new Set(entries)];
};

const packageName = (specifier: string): string =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

const isBuiltin = (specifier: string): boolean => specifier.startsWith('node:') || builtinModules.includes(packageName(specifier));

const sourceFile = (base: string): string => {
  const candidates = [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts'), join(base, 'index.js')];
  const found = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  if (!found) throw new Error(`cannot resolve ${relative(root, base)}`);
  return found;
};

/** What a file requires when it runs: swc's output with the runtime hook's settings (type-only imports erased, decorator metadata kept). */
const requiresOf = (file: string): string[] => {
  const { code } = transformSync(readFileSync(file, 'utf8'), { ...swcConfig, swcrc: false, filename: file, sourceMaps: false });
  return [...code.matchAll(/\brequire(?:\.resolve)?\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1] as string);
};

const ownerOf = (file: string): Manifest => {
  const owners = [...workspaces.values()].filter(({ dir }) => file.startsWith(dir + sep)).sort((a, b) => b.dir.length - a.dir.length);
  return owners[0]?.manifest ?? rootManifest;
};

type Use = { pkg: string; file: string };

/** Walks our own sources from every entry point (workspace packages included) and lists each third-party package they require. */
const walk = (entries: string[]): Use[] => {
  const seen = new Set<string>();
  const uses: Use[] = [];
  const pending = entries.map((entry) => join(root, entry));
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file) || file.endsWith('.json')) continue;
    seen.add(file);
    for (const specifier of requiresOf(file)) {
      if (isBuiltin(specifier)) continue;
      if (specifier.startsWith('.')) {
        pending.push(sourceFile(join(dirname(file), specifier)));
        continue;
      }
      const pkg = packageName(specifier);
      const workspace = workspaces.get(pkg);
      if (workspace) {
        const subpath = specifier.slice(pkg.length + 1);
        pending.push(sourceFile(join(workspace.dir, subpath || (workspace.manifest.main ?? 'index'))));
      } else {
        uses.push({ pkg, file: relative(root, file) });
      }
    }
  }
  return uses;
};

describe('production dependencies: what the image installs with npm ci --omit=dev', () => {
  const entries = productionEntryPoints();
  const uses = walk(entries);
  const used = new Set([...uses.map((use) => use.pkg), ...Object.keys(LOADED_BY_DEPENDENCIES)]);

  it('should find every process the image runs when reading docker-compose.yml and the Dockerfile', () => {
    expect(entries).toEqual(
      expect.arrayContaining([
        'libs/auth/src/dev-issuer/main.ts',
        'tools/token.ts',
        'tools/codec-server.ts',
        'workflows/worker/src/main.ts',
        ...['screening', 'referral', 'intervention', 'victim-support'].flatMap((name) => [
          `services/${name}/src/migrate.ts`,
          `services/${name}/src/main.ts`,
        ]),
      ]),
    );
    for (const pkg of ['@nestjs/core', '@temporalio/worker', 'kafkajs', 'typeorm', 'zod', '@swc/core', 'pirates'])
      expect(used).toContain(pkg);
  });

  it('should install production dependencies only when the image is built', () => {
    const instructions = readFileSync(join(root, 'docker/app.Dockerfile'), 'utf8')
      .split('\n')
      .filter((line) => !/^\s*#/.test(line))
      .join('\n')
      .replace(/\\\n/g, ' ');
    const installs = [...instructions.matchAll(/\bnpm (?:ci|install|i)\b[^\n&|;]*/g)].map((match) => match[0]);
    expect(installs.length).toBeGreaterThan(0);
    expect(installs.filter((install) => !/\s--omit[= ]dev\b/.test(install) || /--include[= ]dev\b/.test(install))).toEqual([]);
  });

  it('should declare every package production requires as a runtime dependency when dev dependencies are omitted', () => {
    const problems = [...used].sort().flatMap((pkg) => {
      const use = uses.find((candidate) => candidate.pkg === pkg);
      const where = use ? ` (required by ${use.file})` : ` (${LOADED_BY_DEPENDENCIES[pkg]})`;
      const declared = rootManifest.dependencies?.[pkg] ?? (use ? ownerOf(join(root, use.file)).dependencies?.[pkg] : undefined);
      const installed = lock.packages[`node_modules/${pkg}`];
      if (!declared) return [`${pkg} is not in "dependencies"${where}`];
      if (!installed) return [`${pkg} is not in package-lock.json${where}`];
      if (installed.dev || installed.devOptional) return [`${pkg} is a dev package in package-lock.json${where}`];
      return [];
    });
    expect(problems).toEqual([]);
  });

  it('should list no build, lint or test tool among the runtime dependencies when production never loads it', () => {
    const declared = [rootManifest, ...[...workspaces.values()].map(({ manifest }) => manifest)].flatMap((manifest) =>
      Object.keys(manifest.dependencies ?? {}),
    );
    expect([...new Set(declared)].filter((pkg) => !used.has(pkg)).sort()).toEqual([]);
  });
});
