import { TASK_OWNERS, type Agency, type Role, type ServiceName, type TaskKind, type TaskView } from '@easi/contracts';
import { eligibleScreeningForm } from './eligible-facts';
import { TaskInboxClient } from './task-inbox-client';

export type TokenSource = (agency: Agency, role: Role) => Promise<string>;

/** Who decides each kind of task in a scripted run (the queue's people). */
const DECIDER: Record<TaskKind, [Agency, Role]> = {
  'eligibility-screening': ['police', 'investigator'],
  'triage-decision': ['triage-clinic', 'clinic-member'],
  'disposal-decision': ['police', 'investigator'],
  'consent-contract': ['police', 'investigator'],
  'caution-condition': ['police', 'investigator'],
  'breach-decision': ['police', 'supervisor'],
  'non-compliance-decision': ['police', 'supervisor'],
  'monitoring-review': ['police', 'investigator'],
  'psychometrics-pre': ['psychology', 'psychologist'],
  'psychometrics-post': ['psychology', 'psychologist'],
  'session-outcome': ['psychology', 'psychologist'],
  'isac-contact': ['victim-service', 'isac'],
  'safety-check-in': ['victim-service', 'isac'],
  'victim-satisfaction': ['victim-service', 'isac'],
};

export type DashGrade = 'standard' | 'medium' | 'high';

/** DASH (police version): 27 questions, each answered yes, no or not known. */
const DASH_QUESTIONS = 27;
const YES_FOR: Record<DashGrade, number> = { standard: 3, medium: 6, high: 15 };

/**
 * A complete DASH submission (`POST /assessments` on screening) for a person, graded as asked: 15
 * "yes" for high, a few "yes" and the assessor's professional judgement for standard or medium.
 */
export const completeDash = (subjectRef: string, grade: DashGrade = 'medium'): Record<string, unknown> => ({
  instrument: 'dash',
  subjectRef,
  phase: 'screening',
  answers: Object.fromEntries(
    Array.from({ length: DASH_QUESTIONS }, (_, i) => [
      `q${i + 1}`,
      i < YES_FOR[grade] ? 'yes' : i === DASH_QUESTIONS - 1 ? 'not-known' : 'no',
    ]),
  ),
  entries: { professionalJudgement: { grade, reason: `Scripted: victim account and police history read; ${grade} risk` } },
});

/** DASH's stalking question (q8): answered yes, it opens the 11-question S-DASH. */
const DASH_STALKING_QUESTION = 8;
const S_DASH_QUESTIONS = 11;

/** The S-DASH a DASH opens when its stalking question is yes: every question answered, a few yes. */
export const completeSDash = (subjectRef: string): Record<string, unknown> => ({
  instrument: 's-dash',
  subjectRef,
  phase: 'screening',
  answers: Object.fromEntries(Array.from({ length: S_DASH_QUESTIONS }, (_, i) => [`s${i + 1}`, i < 4 ? 'yes' : 'no'])),
  entries: {},
});

/**
 * What the investigator files for a person before screening, in order: the DASH of this grade, and
 * the S-DASH when that DASH answered the stalking question yes (screening refuses to go on without it).
 */
export const riskAssessments = (subjectRef: string, grade: DashGrade = 'medium'): Record<string, unknown>[] =>
  YES_FOR[grade] >= DASH_STALKING_QUESTION
    ? [completeDash(subjectRef, grade), completeSDash(subjectRef)]
    : [completeDash(subjectRef, grade)];

/**
 * Plays the people of a journey through the services' task APIs: each decision goes to the inbox
 * of the service that owns the task, with a token of the queue's agency and role.
 */
export class JourneyDriver {
  private readonly tokens = new Map<string, Promise<string>>();
  private readonly clients = new Map<string, TaskInboxClient>();
  /** The person each journey screens (journey references are hashes: the person is not readable from them). */
  private readonly people = new Map<string, string>();

  constructor(
    private readonly urls: Record<ServiceName, string>,
    private readonly mint: TokenSource,
  ) {}

  token(agency: Agency, role: Role): Promise<string> {
    const key = `${agency}/${role}`;
    if (!this.tokens.has(key)) this.tokens.set(key, this.mint(agency, role));
    return this.tokens.get(key) as Promise<string>;
  }

  /** The inbox that holds this kind of task, as the person who decides it (or as another role). */
  inbox(kind: TaskKind, as?: [Agency, Role]): TaskInboxClient {
    const service = TASK_OWNERS[kind];
    const [agency, role] = as ?? DECIDER[kind];
    const key = `${service}/${agency}/${role}`;
    if (!this.clients.has(key)) this.clients.set(key, new TaskInboxClient(this.urls[service], () => this.token(agency, role)));
    return this.clients.get(key) as TaskInboxClient;
  }

  decide(journeyRef: string, kind: TaskKind, decision: Record<string, unknown>, reason: string, timeoutMs?: number): Promise<TaskView> {
    return this.inbox(kind).decide(journeyRef, kind, decision, reason, timeoutMs);
  }

  /** Remembers who a journey screens (the custody event's or crime report's suspect). */
  screens(journeyRef: string, personRef: string): void {
    this.people.set(journeyRef, personRef);
  }

  personOf(journeyRef: string): string {
    const person = this.people.get(journeyRef);
    if (!person)
      throw new Error(`no person recorded for journey ${journeyRef}: call screens(journeyRef, personRef) when the journey starts`);
    return person;
  }

  /**
   * The investigator files a complete DASH for the journey's person (and the S-DASH it opens, when
   * its stalking question is yes); answers the DASH's assessment id.
   */
  async assessRisk(journeyRef: string, grade: DashGrade = 'medium'): Promise<{ assessmentId: string }> {
    let dashId: string | undefined;
    for (const assessment of riskAssessments(this.personOf(journeyRef), grade)) {
      const res = await fetch(`${this.urls.screening}/assessments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await this.token('police', 'investigator')}`, 'content-type': 'application/json' },
        body: JSON.stringify(assessment),
      });
      const body = (await res.json()) as { assessmentId?: string };
      if (res.status !== 201 || !body.assessmentId) throw new Error(`POST /assessments answered ${res.status}: ${JSON.stringify(body)}`);
      dashId ??= body.assessmentId;
    }
    return { assessmentId: dashId! };
  }

  /** The eligible screening form for the journey's person, noting the assessments on record, with `changes` (e.g. a denial in interview). */
  facts(journeyRef: string, changes: Record<string, unknown> = {}): Record<string, unknown> {
    return { ...eligibleScreeningForm(this.personOf(journeyRef)), riskEvidence: 'DASH and SASH on record', ...changes };
  }

  /** The screening task as the investigator does it: a DASH of this grade on record, then the facts (with `changes`). */
  async screen(
    journeyRef: string,
    grade: DashGrade = 'medium',
    changes: Record<string, unknown> = {},
    reason = 'DASH on record; facts from the custody record and interview',
  ): Promise<TaskView> {
    await this.assessRisk(journeyRef, grade);
    return this.decide(journeyRef, 'eligibility-screening', this.facts(journeyRef, changes), reason);
  }

  /** Screening → triage → disposal → consent: the journey reaches the intervention. */
  async toIntervention(
    journeyRef: string,
    disposal: Record<string, unknown> = { disposal: 'spo-requirement', conditions: [] },
  ): Promise<void> {
    await this.screen(journeyRef, 'medium', {}, 'DASH and SASH done; admitted in interview');
    await this.decide(
      journeyRef,
      'triage-decision',
      { outcome: 'refer-to-easi', actions: ['victim-contact'] },
      'clinic agreed: rejected ex-partner, lower risk',
    );
    await this.decide(journeyRef, 'disposal-decision', disposal, 'agreed at the clinic');
    await this.decide(journeyRef, 'consent-contract', { consent: 'signed', contractVersion: '1' }, 'contract signed at the station');
  }

  /** Pre-psychometrics and the given session outcomes, in order. */
  async sessions(journeyRef: string, outcomes: ('attended' | 'missed' | 'rescheduled')[], startAt = 1): Promise<void> {
    let session = startAt;
    for (const outcome of outcomes) {
      await this.decide(journeyRef, 'session-outcome', { sessionNumber: session, outcome }, `session ${session} ${outcome}`);
      if (outcome === 'attended') session += 1;
    }
  }

  /** The whole intervention with six sessions attended and both psychometrics. */
  async completeIntervention(journeyRef: string): Promise<void> {
    await this.decide(journeyRef, 'psychometrics-pre', { instruments: ['AAQ-II', 'CFQ-7', 'CompACT'] }, 'baseline taken');
    await this.sessions(journeyRef, ['attended', 'attended', 'attended', 'attended', 'attended', 'attended']);
    await this.decide(journeyRef, 'psychometrics-post', { instruments: ['AAQ-II', 'CFQ-7', 'CompACT'] }, 'post-treatment taken');
  }
}
