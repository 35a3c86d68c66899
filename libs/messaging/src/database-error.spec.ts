import { classifyDatabaseError, databaseErrorOf, describeDatabaseError, redactQuotedValues } from './database-error';

/** What pg raises: an Error with the SQLSTATE in `code` and the fields of PostgreSQL's ErrorResponse. */
const pgError = (code: string, message: string, fields: Record<string, string> = {}): Error =>
  Object.assign(new Error(message), { code, severity: 'ERROR', ...fields });

/** What TypeORM raises around it: QueryFailedError copies the fields and keeps the original. */
const queryFailed = (driverError: Error): Error => Object.assign(new Error(driverError.message), { name: 'QueryFailedError', driverError });

describe('database errors', () => {
  it('should call data exceptions and integrity violations permanent when Postgres raises them', () => {
    expect(classifyDatabaseError(pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'))).toBe('permanent');
    expect(classifyDatabaseError(queryFailed(pgError('22003', 'integer out of range')))).toBe('permanent');
    expect(classifyDatabaseError(pgError('23502', 'null value in column "n" violates not-null constraint'))).toBe('permanent');
    expect(classifyDatabaseError(pgError('23514', 'new row violates check constraint "ck"'))).toBe('permanent');
  });

  it('should call a unique violation a conflict when it escapes the handler', () => {
    expect(classifyDatabaseError(pgError('23505', 'duplicate key value violates unique constraint "uq"'))).toBe('conflict');
  });

  it('should call an error transient when it is a lost connection, a serialization failure, a deadlock, a shutdown or not from Postgres', () => {
    for (const code of ['08006', '40001', '40P01', '57P01']) expect(classifyDatabaseError(pgError(code, 'try again'))).toBe('transient');
    expect(classifyDatabaseError(new Error('Connection terminated unexpectedly'))).toBe('transient');
    expect(classifyDatabaseError(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).toBe('transient');
    expect(classifyDatabaseError('a string')).toBe('transient');
  });

  it('should find the Postgres error when it is wrapped as a cause', () => {
    const wrapped = new Error('handler failed', { cause: queryFailed(pgError('22P05', 'unsupported Unicode escape sequence')) });
    expect(databaseErrorOf(wrapped)).toMatchObject({ code: '22P05', message: 'unsupported Unicode escape sequence' });
  });

  it('should redact quoted values and keep quoted names when it describes the error', () => {
    expect(redactQuotedValues('value "3000000000" is out of range for type integer')).toBe('value "…" is out of range for type integer');
    expect(redactQuotedValues('invalid input syntax for type timestamp with time zone: "0000-01-01T00:00:00Z"')).toBe(
      'invalid input syntax for type timestamp with time zone: "…"',
    );
    expect(redactQuotedValues('null value in column "n" of relation "numbered" violates not-null constraint')).toBe(
      'null value in column "n" of relation "numbered" violates not-null constraint',
    );
    expect(redactQuotedValues('invalid byte sequence for encoding "UTF8": 0x00')).toBe('invalid byte sequence for encoding "UTF8": 0x00');
  });

  it('should name the column when COPY reports where it was reading', () => {
    const info = databaseErrorOf(
      pgError('22003', 'value "3000000000" is out of range for type integer', {
        where: 'COPY crime_report_version, line 2, column version: "3000000000"',
      }),
    )!;
    expect(describeDatabaseError(info)).toBe('SQLSTATE 22003 value "…" is out of range for type integer (column version)');
    expect(
      describeDatabaseError(databaseErrorOf(pgError('23514', 'new row violates check constraint', { constraint: 'ck_x', column: 'n' }))!),
    ).toBe('SQLSTATE 23514 new row violates check constraint (column n, constraint ck_x)');
  });
});
