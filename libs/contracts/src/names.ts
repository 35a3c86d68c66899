/** Names shared by every process: Temporal namespace, task queues, Kafka topics. */

export const TEMPORAL_NAMESPACE = 'easi';

export const TASK_QUEUES = {
  journeys: 'journeys',
  screening: 'screening',
  referral: 'referral',
  intervention: 'intervention',
  victimSupport: 'victim-support',
} as const;
export type TaskQueue = (typeof TASK_QUEUES)[keyof typeof TASK_QUEUES];

export const SERVICE_NAMES = ['screening', 'referral', 'intervention', 'victim-support'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Postgres schema owned by each service (one database, one schema per service). */
export const SERVICE_SCHEMAS: Record<ServiceName, string> = {
  screening: 'screening',
  referral: 'referral',
  intervention: 'intervention',
  'victim-support': 'victim_support',
};

export const TOPICS = {
  /** Inbound from the force's custody system. */
  custodyEvents: 'police.custody-events.v1',
  /** Inbound from the force's crime recording system (new and amended versions). */
  crimeReports: 'police.crime-reports.v1',
  /** Cross-agency notifications, one topic per audience so each agency reads only its own. */
  policeNotifications: 'easi.notifications.police.v1',
  psychologyNotifications: 'easi.notifications.psychology.v1',
  victimServiceNotifications: 'easi.notifications.victim-service.v1',
  riskAlerts: 'easi.alerts.risk.v1',
  /** Pseudonymised journey events for read models and evaluation. */
  journeyEvents: 'easi.journey-events.v1',
} as const;
export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

/** Every topic has a dead-letter twin that receives invalid messages with the reason. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

export const ALL_TOPICS: string[] = Object.values(TOPICS).flatMap((t) => [t, deadLetterTopic(t)]);

/** Kafka header names written by the outbox relay and read by consumers. */
export const KAFKA_HEADERS = {
  eventId: 'event-id',
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  correlationId: 'correlation-id',
  /** Set on dead-lettered messages. */
  deadLetterReason: 'dead-letter-reason',
  deadLetterSourceTopic: 'dead-letter-source-topic',
  deadLetterSourcePartition: 'dead-letter-source-partition',
  deadLetterSourceOffset: 'dead-letter-source-offset',
  deadLetterConsumerGroup: 'dead-letter-consumer-group',
} as const;

/** HTTP header carrying the correlation id from the edge through workflows to Kafka. */
export const CORRELATION_HEADER = 'x-correlation-id';

/** Temporal header carrying the correlation id from client to workflow to activities. */
export const TEMPORAL_CORRELATION_HEADER = 'correlation-id';
