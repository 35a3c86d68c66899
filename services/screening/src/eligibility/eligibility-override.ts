import { z } from 'zod';
import type { EligibilityOverrideNote } from '@easi/contracts';
import {
  ELIGIBILITY_CRITERIA,
  applyCriterionOverride,
  applyOverride,
  assessEligibility,
  type CriterionStatus,
  type EligibilityFacts,
  type EligibilityOutcome,
  type EligibilityResult,
  type OverriddenEligibilityResult,
  type ScreeningRisk,
} from '@easi/screening-rules';
import { EligibilityFactsBody, factsForRules, withRiskSource } from './eligibility-facts';

const OUTCOMES = ['eligible', 'ineligible', 'needs-case-discussion'] as const satisfies readonly EligibilityOutcome[];
const STATUSES = ['met', 'not-met', 'unknown', 'needs-discussion'] as const satisfies readonly CriterionStatus[];

/** What a supervisor changes: the overall outcome or one criterion, the new result, and why. */
export const OverrideRequest = z
  .object({
    target: z.enum(['overall', ...ELIGIBILITY_CRITERIA], { error: `target: must be overall or one of ${ELIGIBILITY_CRITERIA.join(', ')}` }),
    result: z.enum([...OUTCOMES, ...STATUSES], {
      error: `result: an outcome (${OUTCOMES.join(', ')}) or a criterion status (${STATUSES.join(', ')})`,
    }),
    reason: z
      .string({ error: 'reason: a supervisor override needs a recorded reason' })
      .trim()
      .min(10, 'reason: say why in a sentence (at least 10 characters)')
      .max(2000),
  })
  .strict()
  .superRefine((o, ctx) => {
    const isOutcome = (OUTCOMES as readonly string[]).includes(o.result);
    if (o.target === 'overall' && !isOutcome)
      ctx.addIssue({ code: 'custom', path: ['result'], message: `the overall result must be one of ${OUTCOMES.join(', ')}` });
    if (o.target !== 'overall' && isOutcome)
      ctx.addIssue({ code: 'custom', path: ['result'], message: `a criterion's result must be one of ${STATUSES.join(', ')}` });
  });
export type OverrideRequest = z.infer<typeof OverrideRequest>;

/** The supervisor's submission on the journey's eligibility task: the facts the rules read, and the override. */
export const OverrideBody = z.object({ facts: EligibilityFactsBody, override: OverrideRequest }).strict();
export type OverrideBody = z.infer<typeof OverrideBody>;

/**
 * The override as the route answers it and the journey shows it: who overrode what and why,
 * without the facts (the journey keeps pseudonymous data only).
 */
export type OverrideNote = {
  overrideId: string;
  target: OverrideRequest['target'];
  from: string;
  to: string;
  reason: string;
  by: string;
  at: string;
  rulesOutcome: EligibilityOutcome;
};

/**
 * The decision the journey receives. Its `override` is the whole override record (the summary, the
 * supervisor's roles, the facts and both results), so the override row can be written from the
 * decision on whichever path records it: see eligibility.tasks.ts.
 */
export type EligibilityDecision = {
  outcome: EligibilityOutcome;
  riskLevel: string;
  reason: string;
  rulesVersion: string;
  override?: EligibilityOverrideNote;
};

export type OverrideOutcome = {
  original: EligibilityResult;
  overridden: OverriddenEligibilityResult;
  note: OverrideNote;
  decision: EligibilityDecision;
};

/** Who overrides, when, under which id, and the request's correlation id (for the record and its audit row). */
export type OverrideWho = { overrideId: string; by: string; at: string; roles: readonly string[]; correlationId?: string };

/**
 * The rules on the facts, with the risk level from the person's assessments (never the typed one),
 * then the supervisor's override; throws EligibilityOverrideError when the rules refuse it.
 */
export const overrideOutcome = (body: OverrideBody, who: OverrideWho, risk: ScreeningRisk): OverrideOutcome => {
  const facts: EligibilityFacts = factsForRules(body.facts, risk);
  const original = assessEligibility(facts);
  const { target, result, reason } = body.override;
  const overridden =
    target === 'overall'
      ? applyOverride(original, { by: who.by, reason, decision: result as EligibilityOutcome, at: who.at })
      : applyCriterionOverride(original, { by: who.by, reason, criterion: target, status: result as CriterionStatus, at: who.at });
  const from = target === 'overall' ? original.overall : (original.criteria.find((c) => c.criterion === target)?.status ?? 'unknown');
  const note: OverrideNote = {
    overrideId: who.overrideId,
    target,
    from,
    to: result,
    reason: overridden.override.reason,
    by: who.by,
    at: who.at,
    rulesOutcome: original.overall,
  };
  const { original: _previous, ...overriddenResult } = overridden;
  const full: EligibilityOverrideNote = {
    ...note,
    byRoles: [...who.roles],
    ...(who.correlationId ? { correlationId: who.correlationId } : {}),
    // The facts as the rules read them: the risk level and the assessments it came from, and the person screened.
    basis: { facts: { ...facts, subjectRef: body.facts.subjectRef, riskSources: risk.sources }, rulesResult: original, overriddenResult },
  };
  return {
    original,
    overridden,
    note,
    decision: {
      outcome: overridden.overall,
      riskLevel: risk.level,
      reason: withRiskSource(overridden.reason, risk),
      rulesVersion: overridden.rulesVersion,
      override: full,
    },
  };
};
