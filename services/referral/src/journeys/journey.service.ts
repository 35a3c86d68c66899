import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { journeyStateQuery, journeyWorkflowId, withdrawConsentUpdate, type JourneyState } from '@easi/contracts';
import { TaskError, refusalOf } from '@easi/tasks';
import { TEMPORAL_CLIENT } from '@easi/temporal';
import { AlertService, type AlertView } from '../alerts/alert.service';

/** Police-side view of and actions on a journey that are not tasks: its case history, consent withdrawal. */
@Injectable()
export class JourneyService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly alerts: AlertService,
  ) {}

  async state(journeyRef: string): Promise<JourneyState & { alerts: AlertView[] }> {
    try {
      const state = await this.temporal.workflow.getHandle(journeyWorkflowId(journeyRef)).query(journeyStateQuery);
      return { ...state, alerts: await this.alerts.byJourney(journeyRef) };
    } catch (error) {
      if (refusalOf(error)?.code === 'workflow-closed') throw new TaskError('not-found', `no journey ${journeyRef}`);
      throw error;
    }
  }

  /** Withdrawal is a compliance event recorded by the journey (refused unless consent is in force). */
  async withdrawConsent(journeyRef: string, by: string, reason: string): Promise<{ accepted: true }> {
    try {
      return await this.temporal.workflow
        .getHandle(journeyWorkflowId(journeyRef))
        .executeUpdate(withdrawConsentUpdate, { args: [{ by, reason }] });
    } catch (error) {
      throw refusalOf(error) ?? error;
    }
  }
}
