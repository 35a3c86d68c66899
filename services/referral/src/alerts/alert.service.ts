import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TOPICS, type Audience, type NotificationEnvelopeV1, type RaiseAlertInput } from '@easi/contracts';
import { writeOutbox } from '@easi/messaging';
import { OutboxRelayHost } from '@easi/service-kit';
import { AlertRepository } from './alert.repository';

const TOPIC_OF: Record<Audience, string> = {
  police: TOPICS.policeNotifications,
  psychology: TOPICS.psychologyNotifications,
  'victim-service': TOPICS.victimServiceNotifications,
  risk: TOPICS.riskAlerts,
};

export type AlertView = { alertId: string; kind: string; audiences: string[]; summary: string; raisedAt: string };

@Injectable()
export class AlertService {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly relay: OutboxRelayHost,
  ) {}

  /** One row and one notification per audience, whatever the retries: keyed by the workflow's alert id. */
  async raise(input: RaiseAlertInput): Promise<{ raised: boolean }> {
    const raised = await this.alerts.transaction(async (manager) => {
      const created = await this.alerts.insertOnce(manager, {
        alertId: input.alertId,
        journeyRef: input.journeyRef,
        kind: input.kind,
        audiences: input.audiences,
        summary: input.summary,
      });
      if (!created) return false;
      for (const audience of input.audiences) {
        const eventId = randomUUID();
        const envelope: NotificationEnvelopeV1 = {
          eventId,
          type: `alert.${input.kind}`,
          schemaVersion: 1,
          journeyRef: input.journeyRef,
          audience,
          occurredAt: new Date().toISOString(),
          payload: { kind: input.kind, summary: input.summary },
        };
        await writeOutbox(manager, {
          eventId,
          topic: TOPIC_OF[audience],
          key: input.journeyRef,
          eventType: envelope.type,
          schemaVersion: 1,
          payload: envelope,
        });
      }
      return true;
    });
    if (raised) this.relay.wake();
    return { raised };
  }

  async byJourney(journeyRef: string): Promise<AlertView[]> {
    return (await this.alerts.byJourney(journeyRef)).map((a) => ({
      alertId: a.alertId,
      kind: a.kind,
      audiences: a.audiences,
      summary: a.summary,
      raisedAt: a.raisedAt.toISOString(),
    }));
  }
}
