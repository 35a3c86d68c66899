import type { TaskDecision, TaskKind } from '@easi/contracts';

/**
 * The decision each task takes, checked inside the workflow (the Update validator) in plain code:
 * the services validate requests with the zod schemas of `TASK_DECISIONS`, but zod is kept out of
 * workflow bundles, whose modules are evaluated once per workflow. Same rules, same defaults.
 */
type Check = { ok: true; decision: unknown } | { ok: false; error: string };
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const oneOf = (v: unknown, values: readonly string[]): boolean => typeof v === 'string' && values.includes(v);
const optText = (v: unknown, max = 2000): boolean => v === undefined || (typeof v === 'string' && v.trim().length <= max);
const strings = (v: unknown, values: readonly string[], min = 0, max = 10): boolean =>
  Array.isArray(v) && v.length >= min && v.length <= max && v.every((x) => oneOf(x, values));

const INSTRUMENTS = ['AAQ-II', 'CFQ-7', 'CompACT'] as const;
const ACTIONS = ['apply-spo', 'safeguarding', 'marac-referral', 'victim-contact'] as const;
const DISPOSALS = ['conditional-caution', 'spo-requirement', 'court-order-requirement', 'licence-condition'] as const;
const POLICE_ACTIONS = ['prosecute-original-offence', 'other-action'] as const;

const fail = (error: string): Check => ({ ok: false, error });
const pass = (decision: unknown): Check => ({ ok: true, decision });

const text = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';
/** A supervisor's override, when present, names itself, who, what changed and why: the journey keeps these (see JourneyRecord). */
const OVERRIDE_FIELDS = ['overrideId', 'target', 'from', 'to', 'reason', 'by', 'at', 'rulesOutcome'] as const;
const validOverride = (v: unknown): boolean => v === undefined || (isObj(v) && OVERRIDE_FIELDS.every((f) => text(v[f])));

const RULES: Record<TaskKind, (d: Obj) => Check> = {
  'eligibility-screening': (d) =>
    !oneOf(d.outcome, ['eligible', 'ineligible', 'needs-case-discussion'])
      ? fail('outcome: must be eligible, ineligible or needs-case-discussion')
      : !oneOf(d.riskLevel, ['standard', 'medium', 'high', 'very-high'])
        ? fail('riskLevel: must be standard, medium, high or very-high')
        : typeof d.reason !== 'string' || d.reason.trim() === ''
          ? fail('reason: the rules give a reason')
          : !validOverride(d.override)
            ? fail(`override: needs ${OVERRIDE_FIELDS.join(', ')}`)
            : pass(d),
  'triage-decision': (d) =>
    !oneOf(d.outcome, ['refer-to-easi', 'no-further-action'])
      ? fail('outcome: must be refer-to-easi or no-further-action')
      : d.actions !== undefined && !strings(d.actions, ACTIONS)
        ? fail(`actions: each must be one of ${ACTIONS.join(', ')}`)
        : pass({ ...d, actions: d.actions ?? [] }),
  'disposal-decision': (d) => {
    if (!oneOf(d.disposal, DISPOSALS)) return fail(`disposal: must be one of ${DISPOSALS.join(', ')}`);
    const conditions = d.conditions ?? [];
    const valid =
      Array.isArray(conditions) &&
      conditions.length <= 10 &&
      conditions.every(
        (c) =>
          isObj(c) &&
          typeof c.code === 'string' &&
          /^[a-z0-9-]{2,40}$/.test(c.code) &&
          typeof c.description === 'string' &&
          c.description.length <= 200,
      );
    return valid ? pass({ ...d, conditions }) : fail('conditions: each needs a code (a-z, 0-9, -) and a description');
  },
  'consent-contract': (d) =>
    !oneOf(d.consent, ['signed', 'declined'])
      ? fail('consent: must be signed or declined')
      : typeof d.contractVersion !== 'string' || d.contractVersion.length < 1 || d.contractVersion.length > 20
        ? fail('contractVersion: required')
        : pass(d),
  'caution-condition': (d) =>
    d.outcome !== 'fulfilled' ? fail('outcome: must be fulfilled') : optText(d.evidence) ? pass(d) : fail('evidence: text up to 2000'),
  'breach-decision': (d) =>
    oneOf(d.action, POLICE_ACTIONS) && optText(d.detail) ? pass(d) : fail(`action: must be one of ${POLICE_ACTIONS.join(', ')}`),
  'non-compliance-decision': (d) =>
    oneOf(d.action, POLICE_ACTIONS) && optText(d.detail) ? pass(d) : fail(`action: must be one of ${POLICE_ACTIONS.join(', ')}`),
  'monitoring-review': (d) =>
    typeof d.reoffended === 'boolean' && optText(d.detail) ? pass(d) : fail('reoffended: must be true or false'),
  'psychometrics-pre': (d) =>
    strings(d.instruments, INSTRUMENTS, 1, 3) ? pass(d) : fail(`instruments: one or more of ${INSTRUMENTS.join(', ')}`),
  'psychometrics-post': (d) =>
    strings(d.instruments, INSTRUMENTS, 1, 3) ? pass(d) : fail(`instruments: one or more of ${INSTRUMENTS.join(', ')}`),
  'session-outcome': (d) =>
    typeof d.sessionNumber !== 'number' || !Number.isInteger(d.sessionNumber) || d.sessionNumber < 1
      ? fail('sessionNumber: a whole number from 1')
      : !oneOf(d.outcome, ['attended', 'missed', 'rescheduled'])
        ? fail('outcome: must be attended, missed or rescheduled')
        : d.riskDisclosure !== undefined && !oneOf(d.riskDisclosure, ['none', 'self-harm', 'threat-to-victim'])
          ? fail('riskDisclosure: must be none, self-harm or threat-to-victim')
          : pass({ ...d, riskDisclosure: d.riskDisclosure ?? 'none' }),
  'isac-contact': (d) =>
    !oneOf(d.engagement, ['engaged', 'declined', 'no-contact'])
      ? fail('engagement: must be engaged, declined or no-contact')
      : d.newRisk !== undefined && typeof d.newRisk !== 'boolean'
        ? fail('newRisk: must be true or false')
        : pass({ ...d, newRisk: d.newRisk ?? false }),
  'safety-check-in': (d) => (typeof d.newRisk === 'boolean' && optText(d.detail) ? pass(d) : fail('newRisk: must be true or false')),
  'victim-satisfaction': (d) => (typeof d.completed === 'boolean' ? pass(d) : fail('completed: must be true or false')),
};

/** The decision with defaults applied, or the reason it is refused. */
export const checkDecision = <K extends TaskKind>(
  kind: K,
  value: unknown,
): { ok: true; decision: TaskDecision<K> } | { ok: false; error: string } => {
  if (!isObj(value)) return { ok: false, error: `invalid ${kind} decision: must be an object` };
  const checked = RULES[kind](value);
  return checked.ok
    ? { ok: true, decision: checked.decision as TaskDecision<K> }
    : { ok: false, error: `invalid ${kind} decision: ${checked.error}` };
};
