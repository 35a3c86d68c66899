import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_ISSUER_ENTRY, devIssuerDriver } from '../src/components/dev-issuer';
import { postgresRunAs, unreachableAncestor } from '../src/components/postgres';
import { loadStackConfig } from '../src/config';
import { combineErrors, StepError } from '../src/errors';
import { probeUntil } from '../src/probe';
import { livePid } from '../src/proc';
import { portDrift } from '../src/stack';

describe('portDrift', () => {
  it('should report nothing when the server runs on the ports asked for', () => {
    expect(portDrift({ EASI_KAFKA_PORT: 9092 }, { EASI_KAFKA_PORT: 9092 })).toEqual([]);
  });

  it('should name the variable and both ports when the environment moved a running server', () => {
    expect(
      portDrift(
        { EASI_KAFKA_PORT: 9092, EASI_KAFKA_CONTROLLER_PORT: 19093 },
        { EASI_KAFKA_PORT: 19092, EASI_KAFKA_CONTROLLER_PORT: 19093 },
      ),
    ).toEqual(['EASI_KAFKA_PORT=19092 but it runs on 9092']);
  });
});

describe('probeUntil', () => {
  it('should return the first success when a check fails a few times first', async () => {
    let attempts = 0;
    const value = await probeUntil(
      async () => {
        attempts += 1;
        if (attempts < 3) throw new Error('not yet');
        return 'ready';
      },
      { what: 'thing', timeoutMs: 5000, intervalMs: 1 },
    );
    expect(value).toBe('ready');
    expect(attempts).toBe(3);
  });

  it('should stop at once with the reason and the last error when the process died', async () => {
    await expect(
      probeUntil(() => Promise.reject(new Error('ECONNREFUSED')), {
        what: 'Kafka',
        timeoutMs: 60_000,
        intervalMs: 1,
        gaveUp: () => 'the process exited',
      }),
    ).rejects.toThrow('Kafka: the process exited (last check: no attempt made)');
  });

  it('should time out with the last error when the check never passes', async () => {
    await expect(
      probeUntil(() => Promise.reject(new Error('ECONNREFUSED')), { what: 'Temporal', timeoutMs: 30, intervalMs: 5 }),
    ).rejects.toThrow(/Temporal: not ready after 0 s \(last check: ECONNREFUSED\)/);
  });
});

describe('StepError', () => {
  it('should name the step, the problem, the fix and the log when built', () => {
    const error = new StepError('Kafka jars', '`mvn` failed (exit 1)', 'is Maven installed?', '/s/logs/provision/kafka-jars.log');
    expect(error.message).toBe('Kafka jars: `mvn` failed (exit 1)\n  Fix: is Maven installed?\n  See /s/logs/provision/kafka-jars.log');
  });

  it('should keep every step and fix when several fail together', () => {
    const combined = combineErrors('Stack start', [new StepError('A', 'broke', 'fix a'), new StepError('B', 'broke', 'fix b')]);
    expect(combined.message).toContain('Stack start: 2 steps failed');
    expect(combined.message).toContain('A: broke\n  Fix: fix a');
    expect(combined.message).toContain('B: broke\n  Fix: fix b');
  });
});

describe('livePid', () => {
  const dir = mkdtempSync(join(tmpdir(), 'easi-infra-pid-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should accept a pid file when the process is alive and its command line matches', () => {
    writeFileSync(join(dir, 'me.pid'), `${process.pid}\n`);
    expect(livePid(join(dir, 'me.pid'), ['node'])).toBe(process.pid);
  });

  it('should reject a reused pid when the command line does not match', () => {
    writeFileSync(join(dir, 'me.pid'), `${process.pid}\n`);
    expect(livePid(join(dir, 'me.pid'), ['kafka.Kafka'])).toBeUndefined();
  });

  it('should reject a missing or garbled pid file', () => {
    writeFileSync(join(dir, 'bad.pid'), 'nope');
    expect(livePid(join(dir, 'bad.pid'), [])).toBeUndefined();
    expect(livePid(join(dir, 'absent.pid'), [])).toBeUndefined();
  });
});

describe('postgres as root', () => {
  const dir = mkdtempSync(join(tmpdir(), 'easi-infra-pg-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should find the postgres user in a passwd file when running as root', () => {
    const passwd = join(dir, 'passwd');
    writeFileSync(passwd, 'root:x:0:0:root:/root:/bin/bash\npostgres:x:101:104:PostgreSQL administrator:/var/lib/postgresql:/bin/bash\n');
    const runAs = postgresRunAs(passwd);
    if (process.getuid?.() === 0) expect(runAs).toEqual({ uid: 101, gid: 104 });
    else expect(runAs).toBeUndefined();
  });

  it('should name the directory the postgres user cannot enter when one is private', () => {
    const privateDir = join(dir, 'home');
    mkdirSync(join(privateDir, 'repo'), { recursive: true, mode: 0o700 });
    const runAs = { uid: 65_000, gid: 65_000 };
    expect(unreachableAncestor(join(privateDir, 'repo', '.easi', 'postgres'), runAs)).toBe(join(privateDir, 'repo'));
  });
});

describe('dev issuer availability', () => {
  it('should be unavailable with the missing file named when the checkout has no dev issuer yet', () => {
    const reason = devIssuerDriver.unavailable?.(loadStackConfig({}, '/nonexistent-checkout'));
    expect(reason).toBe(`${DEV_ISSUER_ENTRY} does not exist in this checkout yet`);
  });
});
