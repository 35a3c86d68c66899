/**
 * How a failed write is handled depends on what PostgreSQL said. pg raises a DatabaseError with the
 * SQLSTATE in `code`; TypeORM wraps it in a QueryFailedError that copies `code` and keeps the
 * original as `driverError`; other layers may wrap it again as `cause`.
 */

/** What PostgreSQL reported, without the statement or its parameters. */
export type DatabaseErrorInfo = { code: string; message: string; column?: string; table?: string; constraint?: string; where?: string };

/**
 * - `permanent`: the data itself is refused (class 22 "data exception", class 23 "integrity
 *   constraint violation" other than a unique violation): the same message fails every time.
 * - `conflict`: a unique violation (23505). Handlers resolve duplicates themselves, so one that
 *   escapes is usually a race between writers and a retry settles it; it is treated as permanent
 *   only when the retries ran out.
 * - `transient`: anything else (connection lost, 40001, 40P01, 57P01, errors that are not from
 *   Postgres): retried as before.
 */
export type DatabaseErrorKind = 'permanent' | 'conflict' | 'transient';

const SQLSTATE = /^[0-9A-Z]{5}$/;

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** The PostgreSQL error behind `error`, if there is one (looks through driverError and cause, a few levels). */
export const databaseErrorOf = (error: unknown): DatabaseErrorInfo | undefined => {
  let current = record(error);
  for (let depth = 0; current !== undefined && depth < 5; depth += 1) {
    const code = current['code'];
    // pg's errors carry `severity`; Node's system errors (EPIPE, ECONNRESET) do not.
    if (typeof code === 'string' && SQLSTATE.test(code) && typeof current['severity'] === 'string') {
      return {
        code,
        message: text(current['message']) ?? 'database error',
        ...(text(current['column']) ? { column: text(current['column'])! } : {}),
        ...(text(current['table']) ? { table: text(current['table'])! } : {}),
        ...(text(current['constraint']) ? { constraint: text(current['constraint'])! } : {}),
        ...(text(current['where']) ? { where: text(current['where'])! } : {}),
      };
    }
    current = record(current['driverError']) ?? record(current['cause']);
  }
  return undefined;
};

export const classifyDatabaseError = (error: unknown): DatabaseErrorKind => {
  const code = databaseErrorOf(error)?.code;
  if (code === undefined) return 'transient';
  if (code === '23505') return 'conflict';
  return code.startsWith('22') || code.startsWith('23') ? 'permanent' : 'transient';
};

/** Words before a quoted name that is an identifier, not data: anything else quoted is redacted. */
const IDENTIFIER_BEFORE = /(?:column|relation|constraint|table|index|type|encoding|function|schema|domain)\s*$/i;

/**
 * PostgreSQL quotes the offending value in some messages (`value "3000000000" is out of range for
 * type integer`); a dead-letter reason or a response must not carry payload text, so every quoted
 * part that is not an identifier becomes "…".
 */
export const redactQuotedValues = (message: string): string =>
  message.replace(/"[^"]*"/g, (quoted, offset: number) =>
    IDENTIFIER_BEFORE.test(message.slice(Math.max(0, offset - 20), offset)) ? quoted : '"…"',
  );

/** The column COPY was reading (its `where` says "COPY t, line 3, column version: …"). */
const copyColumn = (where: string | undefined): string | undefined => (where === undefined ? undefined : /\bcolumn (\w+)/.exec(where)?.[1]);

/**
 * One line that says what PostgreSQL refused and where, e.g.
 * `database refused the message: SQLSTATE 22003 value "…" is out of range for type integer (column version)`.
 */
export const describeDatabaseError = (info: DatabaseErrorInfo): string => {
  const column = info.column ?? copyColumn(info.where);
  const place = [column ? `column ${column}` : undefined, info.constraint ? `constraint ${info.constraint}` : undefined].filter(
    (p) => p !== undefined,
  );
  return `SQLSTATE ${info.code} ${redactQuotedValues(info.message)}${place.length > 0 ? ` (${place.join(', ')})` : ''}`;
};

/** What `writeIsolatingRefused` did: the sum of what the writes returned, and how many items were refused. */
export type IsolatedWrite = { counted: number; refused: number };

/**
 * Writes the items in one go; when PostgreSQL refuses the write as data (`isRefusal`), halves them
 * and writes each half on its own, down to the single items it refuses, which `refuse` is given
 * with the reason (SQLSTATE and Postgres's message, values redacted). About 2·log2(n) writes for
 * one refused item in n. Any other error is thrown, for the caller's retry.
 */
export const writeIsolatingRefused = async <I>(
  items: readonly I[],
  ops: {
    write: (items: I[]) => Promise<number>;
    refuse: (item: I, reason: string) => Promise<void>;
    isRefusal: (error: unknown) => boolean;
    onSplit?: (items: readonly I[], error: unknown) => void;
  },
): Promise<IsolatedWrite> => {
  const attempt = async (part: I[]): Promise<IsolatedWrite> => {
    try {
      return { counted: await ops.write(part), refused: 0 };
    } catch (error) {
      if (!ops.isRefusal(error)) throw error;
      if (part.length === 1) {
        await ops.refuse(part[0]!, `database refused the message: ${describeDatabaseError(databaseErrorOf(error)!)}`);
        return { counted: 0, refused: 1 };
      }
      ops.onSplit?.(part, error);
      const half = Math.ceil(part.length / 2);
      const first = await attempt(part.slice(0, half));
      const second = await attempt(part.slice(half));
      return { counted: first.counted + second.counted, refused: first.refused + second.refused };
    }
  };
  return attempt([...items]);
};
