import { ALL_TOPICS, TOPICS, deadLetterTopic } from '@easi/contracts';
import {
  kafkaFormatArgs,
  kafkaJavaArgs,
  kafkaServerProperties,
  newKafkaClusterId,
  renderProperties,
  topicSpecs,
} from '../src/components/kafka-config';

const node = { host: '127.0.0.1', brokerPort: 19092, controllerPort: 29093, dataDir: '/state/kafka/data' };

describe('kafka server.properties', () => {
  it('should render one key=value line per property, in order, when given a map', () => {
    expect(renderProperties({ 'a.b': 1, c: 'x=y' })).toBe('a.b=1\nc=x=y\n');
  });

  it('should describe a single KRaft node that is broker and controller when rendered', () => {
    const text = renderProperties(kafkaServerProperties(node));
    expect(text).toContain('process.roles=broker,controller\n');
    expect(text).toContain('node.id=1\n');
    expect(text).toContain('controller.quorum.voters=1@127.0.0.1:29093\n');
    expect(text).toContain('listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:29093\n');
    expect(text).toContain('advertised.listeners=PLAINTEXT://127.0.0.1:19092\n');
    expect(text).toContain('log.dirs=/state/kafka/data\n');
  });

  it('should use replication factor and min ISR 1 everywhere when there is one node', () => {
    const props = kafkaServerProperties(node);
    const replication = Object.entries(props).filter(([key]) => /replication\.factor|min\.isr|insync/.test(key));
    expect(replication.length).toBeGreaterThanOrEqual(4);
    for (const [, value] of replication) expect(value).toBe(1);
  });

  it('should make consumer groups join at once and fit a small heap when rendered', () => {
    const props = kafkaServerProperties(node);
    expect(props['offsets.topic.num.partitions']).toBe(1);
    expect(props['group.initial.rebalance.delay.ms']).toBe(0);
    expect(props['log.cleaner.dedupe.buffer.size']).toBe(16777216);
  });
});

describe('kafka command lines', () => {
  const jvm = { libDir: '/cache/kafka/lib', log4jFile: '/state/kafka/log4j.properties', propertiesFile: '/state/kafka/server.properties' };

  it('should pass the classpath wildcard as one argument when building the broker command', () => {
    const args = kafkaJavaArgs(jvm);
    expect(args[args.indexOf('-cp') + 1]).toBe('/cache/kafka/lib/*');
    expect(args.slice(-2)).toEqual(['kafka.Kafka', '/state/kafka/server.properties']);
    expect(args).toEqual(expect.arrayContaining(['-Xms256m', '-Xmx512m', '-Dlog4j.configuration=file:/state/kafka/log4j.properties']));
  });

  it('should format storage idempotently when building the format command', () => {
    const args = kafkaFormatArgs({ ...jvm, clusterId: 'abc' });
    expect(args).toEqual(
      expect.arrayContaining(['kafka.tools.StorageTool', 'format', '-t', 'abc', '-c', jvm.propertiesFile, '--ignore-formatted']),
    );
  });
});

describe('newKafkaClusterId', () => {
  it('should be 22 base64url characters when generated', () => {
    expect(newKafkaClusterId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('should never start with a dash when the random bytes would make one', () => {
    const dashFirst = Buffer.alloc(16, 0xf8);
    const draws = [dashFirst, Buffer.alloc(16, 1)];
    const id = newKafkaClusterId(() => draws.shift() ?? Buffer.alloc(16, 2));
    expect(dashFirst.toString('base64url').startsWith('-')).toBe(true);
    expect(id.startsWith('-')).toBe(false);
  });
});

describe('topicSpecs', () => {
  it('should give 3 partitions to topics and 1 to dead-letter topics when built from the contracts', () => {
    const specs = topicSpecs(ALL_TOPICS);
    expect(specs).toHaveLength(ALL_TOPICS.length);
    expect(specs.find((s) => s.topic === TOPICS.custodyEvents)).toEqual({
      topic: TOPICS.custodyEvents,
      numPartitions: 3,
      replicationFactor: 1,
    });
    expect(specs.find((s) => s.topic === deadLetterTopic(TOPICS.custodyEvents))?.numPartitions).toBe(1);
  });
});
