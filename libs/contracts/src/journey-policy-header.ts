import { DEFAULT_JOURNEY_POLICY, SHORT_JOURNEY_POLICY, type JourneyPolicy } from './journey';

/** HTTP header with which an operator asks for short timers (demos, tests, benchmarks). */
export const JOURNEY_POLICY_HEADER = 'x-easi-journey-policy';

const DURATION = /^\d+(\.\d+)?\s*(ms|milliseconds?|s|sec|seconds?|m|min|minutes?|h|hours?|d|days?|w|weeks?)$/;

/**
 * Reads `short` or `short; cautionConditionDue=2 s; maxMissedSessions=1`: the short policy with
 * named durations or counts replaced. Returns the reason when a part is not understood.
 */
export const parseJourneyPolicyHeader = (value: string): { policy: JourneyPolicy } | { error: string } => {
  const [base, ...overrides] = value
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (base !== 'short') return { error: `${JOURNEY_POLICY_HEADER} must start with "short"` };
  const policy: Record<string, string | number> = { ...SHORT_JOURNEY_POLICY };
  for (const part of overrides) {
    const [key, raw] = part.split('=').map((x) => x.trim());
    const current = (DEFAULT_JOURNEY_POLICY as Record<string, string | number>)[key];
    if (current === undefined || raw === undefined) return { error: `unknown policy setting "${part}"` };
    if (typeof current === 'number') {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1 || n > 1000) return { error: `${key} must be a whole number from 1 to 1000` };
      policy[key] = n;
    } else {
      if (!DURATION.test(raw)) return { error: `${key} must be a duration such as "2 s"` };
      policy[key] = raw;
    }
  }
  return { policy: policy as JourneyPolicy };
};
