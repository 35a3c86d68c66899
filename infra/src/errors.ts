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

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
