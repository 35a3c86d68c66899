import { z } from 'zod';
import { IsoDateTime, Offence, PoliceArea, PseudoRef, Relationship, Suspect } from '../common';

export const CUSTODY_EVENT_TYPES = [
  'arrested',
  'interviewed',
  'charged',
  'cautioned',
  'conditional-caution-issued',
  'bailed',
  'released-under-investigation',
  'released-no-further-action',
  'remanded',
] as const;

export const InterviewAccount = z.enum(['admitted', 'denied', 'no-comment', 'partial-admission', 'not-interviewed']);

/** A custody record event from the force's custody system (schema version 1). */
export const CustodyEventV1 = z
  .object({
    schemaVersion: z.literal(1),
    /** The source system's unique id for this event; redelivery repeats it. */
    eventId: PseudoRef,
    eventType: z.enum(CUSTODY_EVENT_TYPES),
    custodyRecordRef: PseudoRef,
    policeArea: PoliceArea,
    suspect: Suspect,
    victimRefs: z.array(PseudoRef).max(20).default([]),
    relationshipToVictim: Relationship,
    offences: z.array(Offence).min(1, 'at least one offence is required').max(20),
    crimeReportRefs: z.array(PseudoRef).max(50).default([]),
    interviewAccount: InterviewAccount.optional(),
    occurredAt: IsoDateTime,
    recordedAt: IsoDateTime,
  })
  .strict();
export type CustodyEventV1 = z.infer<typeof CustodyEventV1>;
export type CustodyEventV1Input = z.input<typeof CustodyEventV1>;
