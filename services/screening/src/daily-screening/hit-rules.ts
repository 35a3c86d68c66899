import type { OffenceFamily, Relationship, SuggestedAction } from '@easi/contracts';
import { detectMisclassifiedStalking, type DetectorOptions, type Explanation } from '@easi/screening-rules';

/** Reference data for one offence family, as configured in the offence_family table. */
/** An offence family as the reference table holds it, with what it means to screening (supervisors configure it). */
export type FamilyInfo = {
  family: string;
  label: string;
  screened: boolean;
  courseOfConduct: boolean;
  orderBreach: boolean;
  legislation: string;
  homeOfficeCodes: string[];
};

export type FlagCode =
  | 'screened-offence'
  | 'possible-misclassification'
  | 'linked-reports'
  | 'source-linked-reports'
  | 'suspect-other-victims'
  | 'amended-version'
  | 'custody-record'
  | 'earlier-review';

/** One reason a report is on the list, in words an investigator would accept. */
export type Flag = {
  code: FlagCode;
  text: string;
  /** Detector rules behind a misclassification flag, each with the narrative's own words. */
  explanations?: Pick<Explanation, 'rule' | 'text' | 'matched' | 'weight'>[];
  linkedReportRefs?: string[];
  confidence?: number;
};

export type ReportForScreening = {
  reportRef: string;
  version: number;
  changeType: string;
  recordedFamily: OffenceFamily;
  relationship: Relationship;
  narrative: string;
  victimRefs: string[];
  /** Other reports, recorded no later than this one, with the same suspect and victim. */
  samePairReports: string[];
  /**
   * The crime system's own links, made by the recording officer: they may be about other people,
   * so they are shown as such and never count as the same suspect and victim.
   */
  sourceLinkedReports: string[];
  /** Other reports naming the same suspect with a different victim, and how many victims. */
  sameSuspectOtherVictimReports: string[];
  otherVictims: number;
};

export type ReportHit = {
  flags: Flag[];
  suggestedActions: SuggestedAction[];
  linkedReportRefs: string[];
  misclassificationConfidence: number | null;
};

const INTIMATE: ReadonlySet<Relationship> = new Set(['former-partner', 'partner']);

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const describeFamily = (info: FamilyInfo): string => {
  const code = info.homeOfficeCodes.length ? `, Home Office code ${info.homeOfficeCodes.join('/')}` : '';
  const law = info.legislation ? ` (${info.legislation}${code})` : code ? ` (${code.slice(2)})` : '';
  return `${info.label}${law}`;
};

/**
 * The list's actions in the team's order. A hit that calls for nothing beyond being recorded on
 * the list (a screened offence with no victim to contact, no links, no reclassification) is marked
 * no further action, so the reviewer sees that as the suggestion rather than an empty choice.
 */
const orderActions = (actions: Set<SuggestedAction>): SuggestedAction[] => {
  if (actions.size === 1 && actions.has('record-on-list')) actions.add('no-further-action');
  const order: SuggestedAction[] = [
    'record-on-list',
    'reclassification-submission',
    'link-to-other-reports',
    'refer-to-triage-clinic',
    'consider-interim-or-full-spo',
    'victim-contact-and-isac-referral',
    'possible-easi-candidate',
    'no-further-action',
  ];
  return order.filter((a) => actions.has(a));
};

/**
 * Applies the daily screening rules to one report version: a screened offence family puts it on
 * the list; otherwise the misclassified-stalking detector may. Returns null when it is not a hit.
 */
export const screenReport = (
  report: ReportForScreening,
  family: FamilyInfo | undefined,
  detector: DetectorOptions = {},
): ReportHit | null => {
  const flags: Flag[] = [];
  const actions = new Set<SuggestedAction>();
  const samePair = [...new Set(report.samePairReports)].sort();
  const samePairSet = new Set(samePair);
  const sourceOnly = [...new Set(report.sourceLinkedReports)].filter((ref) => !samePairSet.has(ref) && ref !== report.reportRef).sort();
  let confidence: number | null = null;

  if (family?.screened) {
    flags.push({
      code: 'screened-offence',
      text: `Recorded as ${describeFamily(family)}, an offence family the EASI team screens every day.`,
    });
  }
  if (report.recordedFamily !== 'stalking') {
    const result = detectMisclassifiedStalking(
      // The detector's linkedReports are earlier reports with the same suspect and victim, found by linking.
      {
        recordedOffence: report.recordedFamily,
        relationship: report.relationship,
        narrative: report.narrative,
        linkedReports: samePair.length,
      },
      detector,
    );
    if (result.flagged) {
      confidence = Math.round(result.confidence * 100) / 100;
      flags.push({
        code: 'possible-misclassification',
        text: `Reads as stalking but is recorded as ${family?.label ?? report.recordedFamily} (confidence ${confidence.toFixed(2)}); the reasons, with the words they rest on, are listed with this flag.`,
        explanations: result.explanations.map((e) => ({ rule: e.rule, text: e.text, matched: e.matched, weight: e.weight })),
        ...(samePair.length > 0 ? { linkedReportRefs: samePair } : {}),
        confidence,
      });
      actions.add('reclassification-submission');
    }
  }
  if (flags.length === 0) return null;

  actions.add('record-on-list');
  if (report.changeType !== 'recorded' && report.version > 1) {
    flags.push({
      code: 'amended-version',
      text: `Version ${report.version} of this report (${report.changeType}); earlier versions are kept.`,
    });
  }
  if (samePair.length > 0) {
    flags.push({
      code: 'linked-reports',
      text: `${plural(samePair.length, 'other report')} about the same suspect and victim: ${samePair.join(', ')}. Together they may show a course of conduct.`,
      linkedReportRefs: samePair,
    });
    actions.add('link-to-other-reports');
  }
  if (sourceOnly.length > 0) {
    flags.push({
      code: 'source-linked-reports',
      text: `Linked by the recording officer in the crime system to ${plural(sourceOnly.length, 'other report')}: ${sourceOnly.join(', ')}. These links may be about other people; read them before treating them as the same suspect and victim.`,
      linkedReportRefs: sourceOnly,
    });
  }
  if (report.otherVictims > 0) {
    flags.push({
      code: 'suspect-other-victims',
      text: `The suspect is also named in ${plural(report.sameSuspectOtherVictimReports.length, 'report')} about ${plural(report.otherVictims, 'other victim')}.`,
      linkedReportRefs: report.sameSuspectOtherVictimReports,
    });
    actions.add('link-to-other-reports');
    actions.add('refer-to-triage-clinic');
  }

  const stalkingLike = report.recordedFamily === 'stalking' || confidence !== null;
  const conduct = stalkingLike || family?.courseOfConduct === true;
  if (conduct && report.victimRefs.length > 0) actions.add('victim-contact-and-isac-referral');
  if (family?.orderBreach === true || (stalkingLike && samePair.length > 0)) actions.add('consider-interim-or-full-spo');
  if (stalkingLike && INTIMATE.has(report.relationship)) {
    actions.add('possible-easi-candidate');
    actions.add('refer-to-triage-clinic');
  }
  return {
    flags,
    suggestedActions: orderActions(actions),
    linkedReportRefs: [...samePair, ...sourceOnly],
    misclassificationConfidence: confidence,
  };
};

export type CustodyForScreening = {
  eventId: string;
  eventType: string;
  relationship: Relationship;
  families: string[];
  victimRefs: string[];
  crimeReportRefs: string[];
};

/** A live custody record for a screened offence is always on the list. */
export const screenCustodyRecord = (record: CustodyForScreening, families: ReadonlyMap<string, FamilyInfo>): ReportHit | null => {
  const screened = record.families.map((f) => families.get(f)).filter((f): f is FamilyInfo => f?.screened === true);
  if (screened.length === 0) return null;
  const actions = new Set<SuggestedAction>(['record-on-list']);
  const flags: Flag[] = [
    {
      code: 'custody-record',
      text: `Person in custody (${record.eventType.replace(/-/g, ' ')}) for ${screened.map(describeFamily).join('; ')}.`,
    },
  ];
  if (record.crimeReportRefs.length > 0) {
    flags.push({
      code: 'linked-reports',
      text: `Custody record linked to ${plural(record.crimeReportRefs.length, 'crime report')}: ${record.crimeReportRefs.join(', ')}.`,
      linkedReportRefs: record.crimeReportRefs,
    });
    actions.add('link-to-other-reports');
  }
  if (record.victimRefs.length > 0) actions.add('victim-contact-and-isac-referral');
  if (screened.some((f) => f.orderBreach)) actions.add('consider-interim-or-full-spo');
  if (INTIMATE.has(record.relationship)) {
    actions.add('possible-easi-candidate');
    actions.add('refer-to-triage-clinic');
  }
  return { flags, suggestedActions: orderActions(actions), linkedReportRefs: record.crimeReportRefs, misclassificationConfidence: null };
};
