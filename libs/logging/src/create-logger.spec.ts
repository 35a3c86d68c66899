import { createLogger, REDACTED } from './create-logger';
import { currentCorrelationId, newCorrelationId, runWithCorrelation } from './correlation';
import { createLogSink } from './test-sink';

describe('createLogger', () => {
  it('should write JSON with ISO time, level label, service and msg when logging', () => {
    const sink = createLogSink();
    createLogger('referral', 'info', sink.stream).info({ context: 'CaseService' }, 'case opened');
    const [line] = sink.lines();
    expect(line).toEqual({
      time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      level: 'info',
      service: 'referral',
      context: 'CaseService',
      msg: 'case opened',
    });
  });

  it('should add the current correlation id when the call runs inside runWithCorrelation', async () => {
    const sink = createLogSink();
    const logger = createLogger('screening', 'info', sink.stream);
    await runWithCorrelation('corr-123', async () => {
      // A turn of the event loop, not a wait: the id must survive the hop.
      await new Promise((resolve) => setImmediate(resolve));
      logger.info('inside');
    });
    logger.info('outside');
    const [inside, outside] = sink.lines();
    expect(inside?.correlationId).toBe('corr-123');
    expect(outside).not.toHaveProperty('correlationId');
  });

  it('should redact personal keys when they appear at the top level or nested', () => {
    const sink = createLogSink();
    createLogger('victim-support', 'info', sink.stream).info(
      {
        name: 'Jane Doe',
        victim: { email: 'j@example.org', phone: '0700', address: { line1: '1 High St' } },
        report: { details: { narrative: 'he followed me', dateOfBirth: '1990-01-01' } },
        victims: [{ name: 'A' }],
        caseRef: 'CASE-1',
      },
      'received',
    );
    const [line] = sink.lines();
    expect(line).toMatchObject({
      name: REDACTED,
      victim: { email: REDACTED, phone: REDACTED, address: REDACTED },
      report: { details: { narrative: REDACTED, dateOfBirth: REDACTED } },
      victims: [{ name: REDACTED }],
      caseRef: 'CASE-1',
    });
    expect(JSON.stringify(line)).not.toMatch(/Jane|example\.org|followed|1990|High St/);
  });

  it('should drop lines below the level when a level is given', () => {
    const sink = createLogSink();
    const logger = createLogger('intervention', 'warn', sink.stream);
    logger.info('quiet');
    logger.warn('loud');
    expect(sink.lines().map((l) => l.msg)).toEqual(['loud']);
  });
});

describe('correlation context', () => {
  it('should keep separate ids when concurrent work runs under different ids', async () => {
    const ids = ['a-1', 'b-2', 'c-3'];
    const resumes: (() => void)[] = [];
    const running = Promise.all(
      ids.map((id) =>
        runWithCorrelation(id, async () => {
          await new Promise<void>((resolve) => resumes.push(resolve));
          return currentCorrelationId();
        }),
      ),
    );
    // All three are suspended at once; they resume in the opposite order, each on its own turn of the event loop,
    // resumed from outside any of them.
    expect(resumes).toHaveLength(ids.length);
    for (const resume of [...resumes].reverse()) {
      resume();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await running).toEqual(ids);
    expect(currentCorrelationId()).toBeUndefined();
  });

  it('should return a uuid when a new id is asked for', () => {
    expect(newCorrelationId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
