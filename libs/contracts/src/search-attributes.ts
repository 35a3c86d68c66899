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
