import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import {
  DEFAULT_JOURNEY_POLICY,
  JOURNEY_WORKFLOW_TYPE,
  TASK_QUEUES,
  journeyWorkflowId,
  policeEventSignal,
  type JourneyInput,
  type JourneyTrigger,
  type OffenceFamily,
  type Relationship,
} from '@easi/contracts';
import { TEMPORAL_CLIENT } from '@easi/temporal';
import { CrimeReportRepository } from '../crime-reports/crime-report.repository';
import { journeyRefFor } from '../custody-events/journey-ref';
import type { HitRow } from '../daily-screening/screening-run.repository';

export type JourneyHandoffResult = { journeyRef: string; workflowId: string };

/**
 * A reviewer who marks a crime-report hit as a possible EASI candidate hands the suspect to the
 * perpetrator journey: the open journey is signalled, or one is started (signal-with-start, as
 * for custody events). The workflow ignores a report version it has seen, so a repeat is harmless.
 */
@Injectable()
export class JourneyHandoff {
  constructor(
    private readonly reports: CrimeReportRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  async handOver(hit: HitRow, confirmedStalking: boolean): Promise<JourneyHandoffResult[]> {
    if (hit.source !== 'crime-report' || hit.suspectRefs.length === 0) return [];
    const version = (await this.reports.versionsOf(hit.sourceRef)).find((v) => v.version === hit.sourceVersion);
    const occurredAt = version ? new Date(version.occurredAt).toISOString() : new Date().toISOString();
    const families: OffenceFamily[] = confirmedStalking ? ['stalking'] : [hit.recordedFamily as OffenceFamily];
    const results: JourneyHandoffResult[] = [];
    for (const personRef of hit.suspectRefs) {
      const journeyRef = journeyRefFor(hit.policeArea, personRef);
      const trigger: JourneyTrigger = {
        kind: 'crime-report',
        sourceEventId: `crime-report:${hit.sourceRef}:v${hit.sourceVersion}`,
        policeArea: hit.policeArea,
        personRef,
        victimRefs: hit.victimRefs,
        relationshipToVictim: hit.relationship as Relationship,
        offenceFamilies: families,
        occurredAt,
      };
      const input: JourneyInput = { journeyRef, trigger, policy: DEFAULT_JOURNEY_POLICY };
      const workflowId = journeyWorkflowId(journeyRef);
      await this.temporal.workflow.signalWithStart(JOURNEY_WORKFLOW_TYPE, {
        workflowId,
        taskQueue: TASK_QUEUES.journeys,
        args: [input],
        signal: policeEventSignal,
        signalArgs: [trigger],
      });
      results.push({ journeyRef, workflowId });
    }
    return results;
  }
}
