import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { TOPICS, type Audience, type InboxQueue, type NotificationEnvelopeV1 } from '@easi/contracts';
import { writeOutbox } from '@easi/messaging';
import type { HumanTaskEntity } from './entities/human-task.entity';

/** Each inbox's people read their own agency's topic. */
const AUDIENCE_OF: Record<InboxQueue, { audience: Audience; topic: string }> = {
  'easi-team': { audience: 'police', topic: TOPICS.policeNotifications },
  supervisors: { audience: 'police', topic: TOPICS.policeNotifications },
  'triage-clinic': { audience: 'police', topic: TOPICS.policeNotifications },
  psychology: { audience: 'psychology', topic: TOPICS.psychologyNotifications },
  'victim-service': { audience: 'victim-service', topic: TOPICS.victimServiceNotifications },
};

export type TaskNotificationType = 'task.created' | 'task.reminder' | 'task.escalated';

/** Queues one notification about a task in the same transaction as the change it announces. */
export const notifyTask = async (manager: EntityManager, type: TaskNotificationType, task: HumanTaskEntity): Promise<void> => {
  // Escalations always reach the EASI supervisors (police), whatever the inbox.
  const { audience, topic } = AUDIENCE_OF[type === 'task.escalated' ? 'supervisors' : task.queue];
  const eventId = randomUUID();
  const envelope: NotificationEnvelopeV1 = {
    eventId,
    type,
    schemaVersion: 1,
    journeyRef: task.journeyRef,
    audience,
    occurredAt: new Date().toISOString(),
    payload: { taskId: task.id, kind: task.kind, queue: task.queue, title: task.title, dueAt: task.dueAt.toISOString() },
  };
  await writeOutbox(manager, { eventId, topic, key: task.journeyRef, eventType: type, schemaVersion: 1, payload: envelope });
};
