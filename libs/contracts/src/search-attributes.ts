import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes registered in namespace `easi`. Values are pseudonymous or
 * domain codes only: search attributes are never encrypted and operators browse them freely.
 * SQL visibility allows Keyword 10, Int 3, Datetime 3, Double 3, Bool 3, KeywordList 3, Text 3.
 */
export const SEARCH_ATTRIBUTES = {
  EasiStage: 'Keyword',
  EasiRiskLevel: 'Keyword',
  EasiDisposal: 'Keyword',
  EasiAwaitedQueue: 'Keyword',
  EasiPoliceArea: 'Keyword',
  EasiOutcome: 'Keyword',
  EasiSessionsAttended: 'Int',
  EasiNextDeadline: 'Datetime',
} as const;

export type SearchAttributeName = keyof typeof SEARCH_ATTRIBUTES;
export type SearchAttributeKind = (typeof SEARCH_ATTRIBUTES)[SearchAttributeName];

/** Typed keys for `upsertSearchAttributes([{ key, value }])` and client-side `typedSearchAttributes`. */
export const SEARCH_ATTRIBUTE_KEYS = {
  stage: defineSearchAttributeKey('EasiStage', SearchAttributeType.KEYWORD),
  riskLevel: defineSearchAttributeKey('EasiRiskLevel', SearchAttributeType.KEYWORD),
  disposal: defineSearchAttributeKey('EasiDisposal', SearchAttributeType.KEYWORD),
  awaitedQueue: defineSearchAttributeKey('EasiAwaitedQueue', SearchAttributeType.KEYWORD),
  policeArea: defineSearchAttributeKey('EasiPoliceArea', SearchAttributeType.KEYWORD),
  outcome: defineSearchAttributeKey('EasiOutcome', SearchAttributeType.KEYWORD),
  sessionsAttended: defineSearchAttributeKey('EasiSessionsAttended', SearchAttributeType.INT),
  nextDeadline: defineSearchAttributeKey('EasiNextDeadline', SearchAttributeType.DATETIME),
} as const;
