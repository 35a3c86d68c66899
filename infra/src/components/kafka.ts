import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_TOPICS, TOPICS } from '@easi/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { logFile, pidFile, toolPaths, type StackConfig } from '../config';
import { StepError } from '../errors';
import { probeUntil } from '../probe';
import { livePid, run, spawnDetached, writeFileAtomic } from '../proc';
import type { Driver, Progress } from './driver';
import {
  kafkaFormatArgs,
  kafkaJavaArgs,
  kafkaLog4jProperties,
  kafkaServerProperties,
  newKafkaClusterId,
  renderProperties,
  topicSpecs,
} from './kafka-config';

const kafkaPaths = (cfg: StackConfig) => {
  const dir = join(cfg.stateDir, 'kafka');
  return {
    dir,
    dataDir: join(dir, 'data'),
    propertiesFile: join(dir, 'server.properties'),
    log4jFile: join(dir, 'log4j.properties'),
  };
};

/** Rewritten on every start, so a changed port variable takes effect. */
const writeKafkaConfig = (cfg: StackConfig): void => {
  const paths = kafkaPaths(cfg);
  mkdirSync(paths.dataDir, { recursive: true });
  writeFileAtomic(
    paths.propertiesFile,
    renderProperties(
      kafkaServerProperties({
        host: cfg.host,
        brokerPort: cfg.ports.kafka,
        controllerPort: cfg.ports.kafkaController,
        dataDir: paths.dataDir,
      }),
    ),
  );
  writeFileAtomic(paths.log4jFile, renderProperties(kafkaLog4jProperties()));
};

/** Formats the KRaft storage once; `meta.properties` marks it done. */
const formatStorage = async (cfg: StackConfig, log: Progress): Promise<void> => {
  const paths = kafkaPaths(cfg);
  if (existsSync(join(paths.dataDir, 'meta.properties'))) return;
  writeKafkaConfig(cfg);
  log(`kafka: formatting KRaft storage in ${paths.dataDir}`);
  const result = await run({
    command: 'java',
    args: kafkaFormatArgs({ ...paths, libDir: toolPaths(cfg).kafkaLib, clusterId: newKafkaClusterId() }),
    logFile: logFile(cfg, 'kafka'),
  });
  if (result.code !== 0) {
    throw new StepError(
      'Kafka storage format',
      `kafka.tools.StorageTool format failed (exit ${result.code})`,
      `read the log; if ${paths.dataDir} is damaged, remove it (its topics and messages go with it) and start again`,
      logFile(cfg, 'kafka'),
    );
  }
};

const client = (cfg: StackConfig): Kafka =>
  new Kafka({
    clientId: 'easi-infra',
    brokers: [`${cfg.host}:${cfg.ports.kafka}`],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1000 },
  });

/** Creates the contract topics that do not exist yet; leaves existing ones alone. */
export const ensureTopics = async (kafka: Kafka, log: Progress): Promise<void> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topicSpecs(ALL_TOPICS).filter((spec) => !existing.has(spec.topic));
    if (missing.length > 0) {
      await admin.createTopics({ topics: missing, waitForLeaders: true });
      log(`kafka: created ${missing.length} topic(s): ${missing.map((m) => m.topic).join(', ')}`);
    }
  } finally {
    await admin.disconnect();
  }
};

/**
 * Joins a consumer group and leaves it. Right after a start the group coordinator answers
 * "loading" for a while; services would see that as errors, so the stack is not ready until a
 * group can form. No offsets are committed.
 */
export const consumerGroupRoundTrip = async (kafka: Kafka, timeoutMs: number): Promise<void> => {
  // A short fetch wait: disconnect waits for the fetch in flight.
  const consumer = kafka.consumer({ groupId: 'easi-infra-readiness', allowAutoTopicCreation: false, maxWaitTimeInMs: 50 });
  let timer: NodeJS.Timeout | undefined;
  try {
    const joined = new Promise<void>((resolveJoin, reject) => {
      consumer.on(consumer.events.GROUP_JOIN, () => resolveJoin());
      consumer.on(consumer.events.CRASH, (event) => reject(new Error(`consumer crashed: ${String(event.payload.error)}`)));
      timer = setTimeout(() => reject(new Error(`no consumer group join within ${timeoutMs} ms`)), timeoutMs);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [TOPICS.journeyEvents] });
    await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
    await joined;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
  }
};

export const kafkaDriver: Driver = {
  component: 'kafka',
  title: 'Kafka',
  ports: ['kafka', 'kafkaController'],
  readyTimeoutMs: 90_000,
  stopGraceMs: 30_000,
  logFile: (cfg) => logFile(cfg, 'kafka'),
  url: (cfg) => `${cfg.host}:${cfg.ports.kafka}`,
  missingTools: async (cfg) =>
    existsSync(toolPaths(cfg).kafkaLib) ? undefined : `the Kafka jars are not provisioned yet (${toolPaths(cfg).kafkaLib})`,
  prepare: formatStorage,
  ourPid: (cfg) => livePid(pidFile(cfg, 'kafka'), ['kafka.Kafka', kafkaPaths(cfg).propertiesFile]),
  start: async (cfg) => {
    writeKafkaConfig(cfg);
    const paths = kafkaPaths(cfg);
    return spawnDetached({
      command: 'java',
      args: kafkaJavaArgs({ ...paths, libDir: toolPaths(cfg).kafkaLib }),
      cwd: paths.dir,
      logFile: logFile(cfg, 'kafka'),
    });
  },
  ready: async (cfg, ctx) => {
    const kafka = client(cfg);
    await probeUntil(
      async () => {
        const admin = kafka.admin();
        await admin.connect();
        try {
          await admin.describeCluster();
        } finally {
          await admin.disconnect();
        }
      },
      { what: 'Kafka broker (admin describeCluster)', timeoutMs: ctx.timeoutMs, gaveUp: ctx.gaveUp },
    );
    await ensureTopics(kafka, ctx.log);
    await probeUntil(() => consumerGroupRoundTrip(kafka, 15_000), {
      what: 'Kafka consumer group coordinator',
      timeoutMs: ctx.timeoutMs,
      gaveUp: ctx.gaveUp,
    });
  },
};
