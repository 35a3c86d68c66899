/**
 * `npm run bench [-- part ...]`: provisions and starts the stack like `npm test`, runs each benchmark
 * part (all by default) and prints their figures; the LAST line is one JSON object of every figure.
 * A part is `tools/bench/<name>.ts` exporting `run(ctx: BenchContext): Promise<BenchFigures>`.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext, BenchFigures, BenchPart } from './bench/bench-context';
import { banner, seconds } from './lib/run';
import { prepareStack } from './lib/stack';

const partsDir = join(__dirname, 'bench');
const available = readdirSync(partsDir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.endsWith('.d.ts') && f !== 'bench-context.ts')
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

const main = async (): Promise<void> => {
  const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = requested.filter((p) => !available.includes(p));
  if (unknown.length) throw new Error(`unknown bench part(s) ${unknown.join(', ')}; available: ${available.join(', ')}`);
  const parts = requested.length ? requested : available;
  const t0 = Date.now();
  const { env } = await prepareStack();
  // The services a part starts log warnings only (logging costs what it times); EASI_BENCH_LOG_LEVEL=debug shows e.g. each ingest slice.
  const ctx: BenchContext = {
    env: { ...env, LOG_LEVEL: process.env.EASI_BENCH_LOG_LEVEL ?? 'warn' },
    root: join(__dirname, '..'),
    log: (line) => process.stdout.write(`   ${line}\n`),
  };
  const figures: BenchFigures = {};
  for (const part of parts) {
    const file = join(partsDir, `${part}.ts`);
    if (!existsSync(file)) throw new Error(`missing ${file}`);
    banner(`bench: ${part}`);
    const started = Date.now();
    const mod = (await import(file)) as BenchPart;
    const result = await mod.run(ctx);
    for (const [k, v] of Object.entries(result)) process.stdout.write(`   ${k.padEnd(28)} ${v}\n`);
    process.stdout.write(`   (${part} took ${seconds(started)})\n`);
    Object.assign(figures, result);
  }
  process.stdout.write(`\nbench finished in ${seconds(t0)}\n`);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
