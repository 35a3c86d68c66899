import { z } from 'zod';
import { IsoDateTime, PoliceArea, PseudoRef } from './common';

export const AUDIENCES = ['police', 'psychology', 'victim-service', 'risk'] as const;
export type Audience = (typeof AUDIENCES)[number];

/**
 * Envelope of every cross-agency notification on an `easi.notifications.*` topic.
 * Kafka key = journeyRef; headers repeat eventId, type, schemaVersion and the correlation id.
 */
export const NotificationEnvelopeV1 = z.object({
  eventId: z.uuid(),
  type: z.string().regex(/^[a-z][a-z0-9.-]{2,80}$/),
  schemaVersion: z.literal(1),
  journeyRef: PseudoRef,
  audience: z.enum(AUDIENCES),
  occurredAt: IsoDateTime,
  payload: z.record(z.string(), z.unknown()),
});
export type NotificationEnvelopeV1 = z.infer<typeof NotificationEnvelopeV1>;

/**
 * Referral → victim service: a new EASI candidate has a linked victim who should be offered
 * ISAC support. Carries pseudonymous references only; the victim service resolves identities itself.
 */
export const CandidateIdentifiedPayloadV1 = z.object({
  caseRef: PseudoRef,
  victimRefs: z.array(PseudoRef).max(20),
  policeArea: PoliceArea,
  relationshipToVictim: z.string().max(40),
  identifiedAt: IsoDateTime,
});
export type CandidateIdentifiedPayloadV1 = z.infer<typeof CandidateIdentifiedPayloadV1>;

export const NOTIFICATION_TYPES = {
  candidateIdentified: 'journey.candidate-identified',
} as const;

export const CandidateIdentifiedNotificationV1 = NotificationEnvelopeV1.extend({
  type: z.literal(NOTIFICATION_TYPES.candidateIdentified),
  audience: z.literal('victim-service'),
  payload: CandidateIdentifiedPayloadV1,
});
export type CandidateIdentifiedNotificationV1 = z.infer<typeof CandidateIdentifiedNotificationV1>;

/** Everything the victim service may receive on its topic; anything else is dead-lettered with the reason. */
export const VictimServiceNotificationV1 = z.discriminatedUnion('type', [CandidateIdentifiedNotificationV1]);
export type VictimServiceNotificationV1 = z.infer<typeof VictimServiceNotificationV1>;
