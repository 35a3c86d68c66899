import { TASK_OWNERS, type Agency, type Role, type ServiceName, type TaskKind } from '@easi/contracts';
import { TaskInboxClient } from './task-inbox-client';
import type { TaskView } from '../task.service';

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

/** Facts that make a candidate eligible, with the given risk level. */
export const eligibleFacts = (riskLevel: 'standard' | 'medium' | 'high' | 'very-high' = 'medium'): Record<string, unknown> => ({
  riskLevel,
  riskEvidence: 'DASH 6 ticks; SASH concern low',
  ageYears: 34,
  residesInForceArea: true,
  relationshipToVictim: 'former-partner',
  recordedAsStalking: true,
  seriousMentalIllness: 'none-known',
  interviewAccount: 'admitted',
  disposal: { kind: 'conditional-caution', status: 'agreed' },
  participation: 'willing',
  cognitiveAbility: 'sufficient',
});

/**
 * Plays the people of a journey through the services' task APIs: each decision goes to the inbox
 * of the service that owns the task, with a token of the queue's agency and role.
 */
export class JourneyDriver {
  private readonly tokens = new Map<string, Promise<string>>();
  private readonly clients = new Map<string, TaskInboxClient>();

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

  /** Screening → triage → disposal → consent: the journey reaches the intervention. */
  async toIntervention(journeyRef: string, disposal: Record<string, unknown> = { disposal: 'spo-requirement', conditions: [] }): Promise<void> {
    await this.decide(journeyRef, 'eligibility-screening', eligibleFacts('medium'), 'DASH and SASH done; admitted in interview');
    await this.decide(journeyRef, 'triage-decision', { outcome: 'refer-to-easi', actions: ['victim-contact'] }, 'clinic agreed: rejected ex-partner, lower risk');
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
