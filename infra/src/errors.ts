/** How people run the stack tool from the repository root (package.json script `stack`); error messages quote it. */
export const INFRA_CLI = 'npm run stack --';

/**
 * A failure that says which step broke and what to do about it, so whoever reads the
 * output of `npm start` can act without reading this code.
 */
export class StepError extends Error {
  override readonly name = 'StepError';

  constructor(
    readonly step: string,
    readonly problem: string,
    readonly fix: string,
    readonly log?: string,
  ) {
    super(`${step}: ${problem}\n  Fix: ${fix}${log ? `\n  See ${log}` : ''}`);
  }
}

/** Several failures at once (components start in parallel): each keeps its own step and fix. */
export const combineErrors = (step: string, errors: Error[]): Error => {
  if (errors.length === 1 && errors[0]) return errors[0];
  const combined = new StepError(step, `${errors.length} steps failed`, 'each failure below names its own fix');
  combined.message = `${step}: ${errors.length} steps failed\n\n${errors.map((e) => e.message).join('\n\n')}`;
  return combined;
};

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
