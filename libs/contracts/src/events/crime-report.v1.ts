import { z } from 'zod';
import { IsoDateTime, Offence, PoliceArea, PseudoRef, Relationship, Suspect } from '../common';
import { storableInteger, storableText } from '../storable';

/**
 * A crime report version from the force's crime recording system (schema version 1).
 * Amendments (reclassification, narrative changes) arrive as a new `version` of the same report.
 */
export const CrimeReportV1 = z
  .object({
    schemaVersion: z.literal(1),
    reportRef: PseudoRef,
    /** Stored in an `integer` column: 1 to 2147483647. */
    version: storableInteger(1),
    changeType: z.enum(['recorded', 'amended', 'reclassified']),
    policeArea: PoliceArea,
    recordedOffence: Offence,
    suspects: z.array(Suspect).max(20).default([]),
    victimRefs: z.array(PseudoRef).max(20).default([]),
    relationshipToVictim: Relationship,
    /** Free-text account as recorded; read by the misclassified-stalking detector. */
    narrative: storableText(20_000).default(''),
    linkedReportRefs: z.array(PseudoRef).max(200).default([]),
    occurredAt: IsoDateTime,
    recordedAt: IsoDateTime,
  })
  .strict();
export type CrimeReportV1 = z.infer<typeof CrimeReportV1>;
export type CrimeReportV1Input = z.input<typeof CrimeReportV1>;
