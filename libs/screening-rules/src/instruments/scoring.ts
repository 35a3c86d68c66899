import type { Answer, Answers, InstrumentDefinition, ItemDefinition, ScoreDefinition, ScoreResult } from './instrument-types';

export type AnswerIssue = { item: string; message: string };

const isMissing = (answer: Answer | null | undefined): answer is null | undefined => answer === null || answer === undefined;

/** Checks every answer against the definition's items and response scale. */
export const validateAnswers = (
  definition: InstrumentDefinition,
  answers: Answers,
  options: { exPartnerCase?: boolean } = {},
): AnswerIssue[] => {
  const issues: AnswerIssue[] = [];
  const items = new Map<string, ItemDefinition>(definition.items.map((item) => [item.id, item]));
  for (const [id, answer] of Object.entries(answers)) {
    const item = items.get(id);
    if (!item) {
      issues.push({ item: id, message: `not an item of ${definition.instrument} ${definition.version}` });
      continue;
    }
    if (isMissing(answer)) continue;
    if (item.onlyWhenExPartner && options.exPartnerCase === false) {
      issues.push({ item: id, message: 'asked only in ex-partner cases' });
      continue;
    }
    const scale = definition.scale;
    switch (scale.kind) {
      case 'yes-no-not-known':
        if (answer !== 'yes' && answer !== 'no' && answer !== 'not-known')
          issues.push({ item: id, message: 'must be yes, no or not-known' });
        break;
      case 'numeric':
        if (typeof answer !== 'number' || !Number.isInteger(answer) || answer < scale.min || answer > scale.max) {
          issues.push({ item: id, message: `must be a whole number from ${scale.min} to ${scale.max}` });
        }
        break;
      case 'choice':
        if (typeof answer !== 'string' || !scale.options.includes(answer))
          issues.push({ item: id, message: `must be one of ${scale.options.join(', ')}` });
        break;
    }
  }
  return issues;
};

/** The value an item contributes: reverse-scored items count (min + max - answer). */
export const itemValue = (definition: InstrumentDefinition, item: ItemDefinition, answer: Answer): number | undefined => {
  if (typeof answer !== 'number' || definition.scale.kind !== 'numeric') return undefined;
  return item.reverse ? definition.scale.min + definition.scale.max - answer : answer;
};

const round2 = (n: number): number => Math.round(n * 100) / 100;

const scoreOne = (definition: InstrumentDefinition, score: ScoreDefinition, answers: Answers): ScoreResult => {
  const items = score.items
    .map((id) => definition.items.find((item) => item.id === id))
    .filter((item): item is ItemDefinition => item !== undefined);
  const missingItems = items.filter((item) => isMissing(answers[item.id])).map((item) => item.id);
  const answeredItems = items.filter((item) => !isMissing(answers[item.id]));
  const base = { id: score.id, label: score.label, answered: answeredItems.length, missingItems };

  if (score.method === 'count-yes') {
    const value = answeredItems.filter((item) => answers[item.id] === 'yes').length;
    return {
      ...base,
      value,
      prorated: false,
      ...(missingItems.length > 0 ? { reason: `${missingItems.length} unanswered, counted as not "yes"` } : {}),
    };
  }

  const sum = answeredItems.reduce((total, item) => total + (itemValue(definition, item, answers[item.id] as Answer) ?? 0), 0);
  if (missingItems.length === 0) return { ...base, value: sum, prorated: false };
  const rule = score.missing;
  if (rule.kind === 'prorate' && missingItems.length <= rule.maxMissing && answeredItems.length > 0) {
    return {
      ...base,
      value: round2((sum / answeredItems.length) * items.length),
      prorated: true,
      reason: `${missingItems.length} of ${items.length} missing: prorated from the mean of the answered items`,
    };
  }
  const allowed = rule.kind === 'prorate' ? `at most ${rule.maxMissing} may be missing` : 'every item is needed';
  return { ...base, value: null, prorated: false, reason: `${missingItems.length} of ${items.length} missing (${allowed}): no score` };
};

/** Every score of the definition (totals, subscales, indices) from raw answers. */
export const scoreAnswers = (definition: InstrumentDefinition, answers: Answers): ScoreResult[] =>
  definition.scores.map((score) => scoreOne(definition, score, answers));
