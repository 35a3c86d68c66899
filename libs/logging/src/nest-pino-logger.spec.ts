import { createLogger } from './create-logger';
import { NestPinoLogger } from './nest-pino-logger';
import { createLogSink } from './test-sink';

const setup = () => {
  const sink = createLogSink();
  const logger = new NestPinoLogger(createLogger('referral', 'trace', sink.stream));
  return { sink, logger };
};

describe('NestPinoLogger', () => {
  it('should map Nest levels and the trailing context when Nest logs', () => {
    const { sink, logger } = setup();
    logger.log('Mapped {/cases, POST} route', 'RouterExplorer');
    logger.warn('slow');
    logger.debug('dbg', 'Ctx');
    logger.verbose('very', 'Ctx');
    logger.fatal('down', 'Ctx');
    expect(sink.lines().map(({ level, msg, context }) => ({ level, msg, context }))).toEqual([
      { level: 'info', msg: 'Mapped {/cases, POST} route', context: 'RouterExplorer' },
      { level: 'warn', msg: 'slow', context: undefined },
      { level: 'debug', msg: 'dbg', context: 'Ctx' },
      { level: 'trace', msg: 'very', context: 'Ctx' },
      { level: 'fatal', msg: 'down', context: 'Ctx' },
    ]);
  });

  it('should keep the stack when Nest logs an error with stack and context', () => {
    const { sink, logger } = setup();
    logger.error('boom', 'Error: boom\n    at x', 'ExceptionsHandler');
    expect(sink.lines()[0]).toMatchObject({ level: 'error', msg: 'boom', stack: 'Error: boom\n    at x', context: 'ExceptionsHandler' });
  });

  it('should serialise the error when an Error object is logged', () => {
    const { sink, logger } = setup();
    logger.error(new TypeError('bad thing'), 'Ctx');
    expect(sink.lines()[0]).toMatchObject({
      level: 'error',
      msg: 'bad thing',
      context: 'Ctx',
      err: { type: 'TypeError', message: 'bad thing' },
    });
  });

  it('should merge fields and still redact when an object is logged', () => {
    const { sink, logger } = setup();
    logger.log({ caseRef: 'C-1', email: 'x@y.z' }, 'Ctx');
    expect(sink.lines()[0]).toMatchObject({ caseRef: 'C-1', email: '[redacted]', context: 'Ctx' });
  });

  it('should raise the threshold when Nest restricts the levels', () => {
    const { sink, logger } = setup();
    logger.setLogLevels(['error', 'warn']);
    logger.log('hidden');
    logger.warn('shown');
    expect(sink.lines().map((l) => l.msg)).toEqual(['shown']);
  });
});
