import { z } from 'zod';

/**
 * What PostgreSQL can store, checked at the edge: a value the schema accepts but the database
 * refuses would be a 500 over HTTP and a poison message on Kafka, so the schemas refuse it first
 * with a message the sender can act on.
 */

/** Largest value of a PostgreSQL `integer` column. */
export const PG_INTEGER_MAX = 2_147_483_647;

/** PostgreSQL `text` (and `jsonb` strings) cannot hold the NUL character. */
export const hasNoNulCharacter = (value: string): boolean => !value.includes('\u0000');

/** An unpaired UTF-16 surrogate has no UTF-8 form: Postgres refuses it in JSON, and COPY would silently replace it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const isWellFormedUnicode = (value: string): boolean => !LONE_SURROGATE.test(value);

export const NUL_CHARACTER_MESSAGE = 'must not contain the NUL character (\\u0000)';
export const LONE_SURROGATE_MESSAGE = 'must be valid Unicode text (it holds an unpaired surrogate)';

/** Free text that a `text` column can hold, at most `max` characters. */
export const storableText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine(hasNoNulCharacter, NUL_CHARACTER_MESSAGE)
    .refine(isWellFormedUnicode, LONE_SURROGATE_MESSAGE);

/** A whole number an `integer` column can hold, from `min`. */
export const storableInteger = (min: number) =>
  z
    .number()
    .int()
    .min(min, `must be at least ${min}`)
    .max(PG_INTEGER_MAX, `must be at most ${PG_INTEGER_MAX} (the largest integer stored)`);

/** PostgreSQL keeps time zone offsets up to 15:59 either side of UTC. */
const MAX_OFFSET_MINUTES = 15 * 60 + 59;

/**
 * Whether an ISO-8601 date-time (already well formed) is one PostgreSQL's `timestamptz` accepts:
 * it has no year 0000 (ISO's year 0 is 1 BC, which Postgres spells differently) and no offset
 * beyond ±15:59. Four-digit years never reach Postgres's upper limit (294276).
 */
export const isStorableDateTime = (value: string): boolean => {
  if (value.startsWith('0000')) return false;
  const offset = /([+-])(\d\d):(\d\d)$/.exec(value);
  return offset === null || Number(offset[2]) * 60 + Number(offset[3]) <= MAX_OFFSET_MINUTES;
};

export const UNSTORABLE_DATE_TIME_MESSAGE = 'must be a date-time from year 0001 with an offset within ±15:59';
