import { deriveOverall, EligibilityOverrideError } from './assess-eligibility';
import type { CriterionOverride, EligibilityResult, OverriddenEligibilityResult } from './eligibility-types';

/**
 * A supervisor's judgement on one criterion: its status changes, the overall outcome is derived
 * again from the criteria, and the rules' original result is kept. Risk is not a judgement made
 * here: it comes from the DASH/DARA and SASH assessments or a recorded professional judgement, so
 * the risk-level criterion cannot be overridden, and a high-risk case stays ineligible whatever
 * else is overridden.
 */
export const applyCriterionOverride = (
  current: EligibilityResult | OverriddenEligibilityResult,
  override: CriterionOverride,
): OverriddenEligibilityResult => {
  if (override.by.trim() === '') throw new EligibilityOverrideError('overrider-required', 'An override must say who made it.');
  const reason = override.reason.trim();
  if (reason === '') throw new EligibilityOverrideError('reason-required', 'An override needs a reason.');
  if (override.criterion === 'risk-level') {
    throw new EligibilityOverrideError(
      'risk-level-not-overridable',
      'The risk level comes from the risk assessments (DASH/DARA, SASH) or a recorded professional judgement, not from an override.',
    );
  }
  const before = current.criteria.find((c) => c.criterion === override.criterion);
  if (!before) throw new EligibilityOverrideError('nothing-to-override', `No criterion ${override.criterion} in this result.`);
  if (before.status === override.status)
    throw new EligibilityOverrideError('nothing-to-override', `${override.criterion} is already ${override.status}.`);
  const original = 'original' in current ? current.original : current;
  const criteria = current.criteria.map((c) =>
    c.criterion === override.criterion
      ? { ...c, status: override.status, reason: `Supervisor override: ${reason} (the rules said: ${before.reason})` }
      : c,
  );
  const derived = deriveOverall(criteria);
  return {
    ...derived,
    reason: `Supervisor override of ${override.criterion} (${before.status} → ${override.status}): ${reason}. ${derived.reason}`,
    override: {
      by: override.by,
      reason,
      decision: derived.overall,
      ...(override.at !== undefined ? { at: override.at } : {}),
      previousOverall: current.overall,
      criterion: { name: override.criterion, previousStatus: before.status, status: override.status },
    },
    original,
  };
};
