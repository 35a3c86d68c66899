import type { IHeaders } from 'kafkajs';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { describeIssues, KAFKA_HEADERS } from '@easi/contracts';

export type HandlerContext = {
  /** The transaction that also records the message as processed: write through it. */
  manager: EntityManager;
  headers: Record<string, string>;
  topic: string;
  partition: number;
  offset: string;
  /** The message's correlation-id header, when it carried a safe one. */
  correlationId?: string;
};

/**
 * How a consumer group handles one topic. Methods (not arrow properties) keep handlers of
 * different message types assignable to one HandlerTable.
 */
export type MessageHandler<T> = {
  schema: z.ZodType<T>;
  /** The id the group dedupes on: usually the event id in the payload or the event-id header. */
  messageId(parsed: T, headers: Record<string, string>): string;
  handle(parsed: T, ctx: HandlerContext): Promise<void>;
};

export type HandlerTable = Record<string, MessageHandler<unknown>>;

/** Infers the parsed type from the schema alone, so `messageId` and `handle` get a typed message. */
export const defineHandler = <T>(handler: {
  schema: z.ZodType<T>;
  messageId(parsed: NoInfer<T>, headers: Record<string, string>): string;
  handle(parsed: NoInfer<T>, ctx: HandlerContext): Promise<void>;
}): MessageHandler<T> => handler;

/** The common messageId: the `event-id` header the outbox relay writes. */
export const eventIdHeader = (_parsed: unknown, headers: Record<string, string>): string => headers[KAFKA_HEADERS.eventId] ?? '';

/** Kafka headers as plain strings; a repeated header keeps its last value. */
export const headersToRecord = (headers: IHeaders | undefined): Record<string, string> => {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) {
      result[name] = Buffer.isBuffer(last) ? last.toString('utf8') : String(last);
    }
  }
  return result;
};

export type Decoded<T> = { ok: true; parsed: T; messageId: string } | { ok: false; reason: string };

const MAX_MESSAGE_ID_LENGTH = 255;

/** Node's JSON errors quote the input; keep only the position so no payload text reaches headers or logs. */
const jsonProblem = (error: unknown): string => {
  const position = error instanceof Error ? /position (\d+)/.exec(error.message)?.[1] : undefined;
  return position === undefined ? 'value is not valid JSON' : `value is not valid JSON (error at position ${position})`;
};

/** JSON parse, schema validation and message id; a failure says why in words a person can act on. */
export const decodeMessage = <T>(handler: MessageHandler<T>, value: Buffer | null, headers: Record<string, string>): Decoded<T> => {
  if (value === null || value.length === 0) {
    return { ok: false, reason: 'message has no value' };
  }
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: jsonProblem(error) };
  }
  const result = handler.schema.safeParse(json);
  if (!result.success) {
    return { ok: false, reason: `schema validation failed: ${describeIssues(result.error).join('; ')}` };
  }
  let messageId: string;
  try {
    messageId = handler.messageId(result.data, headers);
  } catch (error) {
    return { ok: false, reason: `missing message id: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof messageId !== 'string' || messageId.trim() === '') {
    return { ok: false, reason: 'missing message id: the message has no id to deduplicate on' };
  }
  if (messageId.length > MAX_MESSAGE_ID_LENGTH) {
    return { ok: false, reason: `message id longer than ${MAX_MESSAGE_ID_LENGTH} characters` };
  }
  return { ok: true, parsed: result.data, messageId };
};
