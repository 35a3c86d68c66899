import { z } from 'zod';
import { decodeMessage, defineHandler, eventIdHeader, headersToRecord } from './message-handler';
import type { HandlerTable } from './message-handler';

const Event = z.object({
  eventId: z.uuid(),
  journeyRef: z.string().min(3, 'must be at least 3 characters'),
  occurredAt: z.iso.datetime(),
});

const handler = defineHandler({
  schema: Event,
  messageId: (parsed) => parsed.eventId,
  handle: async (parsed) => {
    // The type flows from the schema: this line would not compile otherwise.
    const ref: string = parsed.journeyRef;
    void ref;
  },
});

const valid = { eventId: '6f1c1f38-2f7e-4c1e-9d1a-3c1b2a0f9e11', journeyRef: 'J-123', occurredAt: '2026-11-25T09:00:00Z' };
const bytes = (value: unknown): Buffer => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('decodeMessage', () => {
  it('should return the parsed message and its id when it is valid', () => {
    expect(decodeMessage(handler, bytes(valid), {})).toEqual({ ok: true, parsed: valid, messageId: valid.eventId });
  });

  it('should say the value is not JSON without quoting it when it cannot be parsed', () => {
    const decoded = decodeMessage(handler, bytes('{"name": "Jane Doe", oops'), {});
    expect(decoded).toEqual({ ok: false, reason: expect.stringMatching(/^value is not valid JSON/) });
    expect(JSON.stringify(decoded)).not.toContain('Jane');
  });

  it('should list every bad field when the schema rejects the message', () => {
    const decoded = decodeMessage(handler, bytes({ eventId: 'nope', journeyRef: 'J' }), {});
    expect(decoded.ok).toBe(false);
    const reason = decoded.ok ? '' : decoded.reason;
    expect(reason).toMatch(/^schema validation failed: /);
    expect(reason).toContain('eventId: ');
    expect(reason).toContain('journeyRef: must be at least 3 characters');
    expect(reason).toContain('occurredAt: ');
  });

  it('should refuse the message when it has no value', () => {
    expect(decodeMessage(handler, null, {})).toEqual({ ok: false, reason: 'message has no value' });
  });

  it('should refuse the message when no id can be found to deduplicate on', () => {
    const byHeader = defineHandler({ schema: Event, messageId: eventIdHeader, handle: async () => undefined });
    expect(decodeMessage(byHeader, bytes(valid), {})).toEqual({ ok: false, reason: expect.stringMatching(/^missing message id/) });
    expect(decodeMessage(byHeader, bytes(valid), { 'event-id': 'e-1' })).toMatchObject({ ok: true, messageId: 'e-1' });
    const throwing = defineHandler({
      schema: Event,
      messageId: () => {
        throw new Error('no sourceEventId');
      },
      handle: async () => undefined,
    });
    expect(decodeMessage(throwing, bytes(valid), {})).toEqual({ ok: false, reason: 'missing message id: no sourceEventId' });
  });
});

describe('headersToRecord', () => {
  it('should turn buffers and repeated headers into strings when reading Kafka headers', () => {
    expect(headersToRecord({ a: Buffer.from('x'), b: 'y', c: [Buffer.from('1'), Buffer.from('2')], d: undefined })).toEqual({
      a: 'x',
      b: 'y',
      c: '2',
    });
    expect(headersToRecord(undefined)).toEqual({});
  });
});

describe('HandlerTable', () => {
  it('should accept handlers of different message types when they share one table', () => {
    const other = defineHandler({ schema: z.object({ id: z.string() }), messageId: (p) => p.id, handle: async () => undefined });
    const table: HandlerTable = { a: handler, b: other };
    expect(Object.keys(table)).toEqual(['a', 'b']);
  });
});
