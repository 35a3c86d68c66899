import { randomBytes } from 'node:crypto';

export type KafkaNodeOptions = {
  host: string;
  brokerPort: number;
  controllerPort: number;
  dataDir: string;
};

/** Renders `key=value` lines in a stable order. */
export const renderProperties = (props: Record<string, string | number>): string =>
  `${Object.entries(props)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')}\n`;

/**
 * One node that is both broker and KRaft controller. Every replication factor and min ISR is 1;
 * one offsets partition and no initial rebalance delay make consumer groups join at once;
 * a small cleaner buffer fits the small heap.
 */
export const kafkaServerProperties = (o: KafkaNodeOptions): Record<string, string | number> => ({
  'process.roles': 'broker,controller',
  'node.id': 1,
  'controller.quorum.voters': `1@${o.host}:${o.controllerPort}`,
  listeners: `PLAINTEXT://${o.host}:${o.brokerPort},CONTROLLER://${o.host}:${o.controllerPort}`,
  'advertised.listeners': `PLAINTEXT://${o.host}:${o.brokerPort}`,
  'controller.listener.names': 'CONTROLLER',
  'inter.broker.listener.name': 'PLAINTEXT',
  'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
  'log.dirs': o.dataDir,
  'num.partitions': 3,
  'default.replication.factor': 1,
  'min.insync.replicas': 1,
  'offsets.topic.replication.factor': 1,
  'offsets.topic.num.partitions': 1,
  'transaction.state.log.replication.factor': 1,
  'transaction.state.log.min.isr': 1,
  'group.initial.rebalance.delay.ms': 0,
  'log.cleaner.dedupe.buffer.size': 16777216,
  'log.retention.hours': 168,
});

/** Log4j 1.x (reload4j) config: everything to stdout, which the stack appends to logs/kafka.log. */
export const kafkaLog4jProperties = (): Record<string, string> => ({
  'log4j.rootLogger': 'INFO, stdout',
  'log4j.appender.stdout': 'org.apache.log4j.ConsoleAppender',
  'log4j.appender.stdout.layout': 'org.apache.log4j.PatternLayout',
  'log4j.appender.stdout.layout.ConversionPattern': '[%d] %p %m (%c)%n',
  'log4j.logger.kafka': 'INFO',
  'log4j.logger.org.apache.kafka': 'INFO',
  'log4j.logger.kafka.request.logger': 'WARN',
  'log4j.logger.kafka.log.LogCleaner': 'WARN',
  'log4j.logger.state.change.logger': 'WARN',
  'log4j.logger.org.apache.kafka.clients': 'WARN',
});

export type KafkaJvmOptions = { libDir: string; log4jFile: string; propertiesFile: string };

/** The broker's command line. The classpath is one argument (no shell), so `lib/*` reaches the JVM as a wildcard. */
export const kafkaJavaArgs = (o: KafkaJvmOptions): string[] => [
  '-Xms256m',
  '-Xmx512m',
  '-XX:+UseG1GC',
  '-XX:MaxGCPauseMillis=20',
  '-Djava.awt.headless=true',
  `-Dlog4j.configuration=file:${o.log4jFile}`,
  '-cp',
  `${o.libDir}/*`,
  'kafka.Kafka',
  o.propertiesFile,
];

export const kafkaFormatArgs = (o: KafkaJvmOptions & { clusterId: string }): string[] => [
  '-Xmx256m',
  `-Dlog4j.configuration=file:${o.log4jFile}`,
  '-cp',
  `${o.libDir}/*`,
  'kafka.tools.StorageTool',
  'format',
  '-t',
  o.clusterId,
  '-c',
  o.propertiesFile,
  '--ignore-formatted',
];

/**
 * A KRaft cluster id as `StorageTool random-uuid` makes it: 16 random bytes, base64url without
 * padding, never starting with '-' (Kafka rejects those). Saves starting a JVM just for this.
 */
export const newKafkaClusterId = (random: (size: number) => Buffer = randomBytes): string => {
  for (;;) {
    const id = random(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
};

export type TopicSpec = { topic: string; numPartitions: number; replicationFactor: number };

/** Three partitions per topic, one per dead-letter topic (`.dlq`): DLQs are read rarely and in order. */
export const topicSpecs = (topics: string[]): TopicSpec[] =>
  topics.map((topic) => ({ topic, numPartitions: topic.endsWith('.dlq') ? 1 : 3, replicationFactor: 1 }));
