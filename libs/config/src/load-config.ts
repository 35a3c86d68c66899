import type { z } from 'zod';
import { ConfigError } from './config-error';

type Env = Record<string, string | undefined>;

/**
 * Validates the environment once at boot and returns the typed config. Config keys are the
 * environment variable names. Empty values count as unset, so `FOO=` falls back to the default
 * (shells and compose files produce empty strings where the intent is "not set").
 */
export const loadConfig = <S extends z.ZodObject>(schema: S, env: Env = process.env): z.infer<S> => {
  const names = envVarNames(schema);
  const input: Env = {};
  for (const name of names) {
    const value = env[name];
    input[name] = value === undefined || value.trim() === '' ? undefined : value;
  }
  const result = schema.safeParse(input);
  if (result.success) {
    return result.data;
  }
  const problems = new Map<string, string[]>();
  for (const issue of result.error.issues) {
    const name = issue.path.length ? String(issue.path[0]) : '(environment)';
    // A schema may say what a required value looks like (`z.string({ error: 'must be …' })`).
    const missing = name in input && input[name] === undefined;
    const reason = missing ? `is required${issue.message.startsWith('must be') ? ` (${issue.message})` : ''}` : issue.message;
    problems.set(name, [...(problems.get(name) ?? []), reason]);
  }
  throw new ConfigError(
    [...problems.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, reasons]) => `${name}: ${[...new Set(reasons)].join('; ')}`),
  );
};

/** The environment variables a schema reads, e.g. for documentation or a startup banner. */
export const envVarNames = (schema: z.ZodObject): string[] => Object.keys(schema.shape);
