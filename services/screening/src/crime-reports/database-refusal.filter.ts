import { Catch, HttpStatus, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { classifyDatabaseError, databaseErrorOf, describeDatabaseError } from '@easi/messaging';

export type DatabaseRefusalBody = {
  statusCode: 422;
  error: 'Unprocessable Entity';
  message: string;
  /** What PostgreSQL refused: the SQLSTATE, its message with values redacted, and the column when known. */
  issues: string[];
};

/**
 * For the ingestion routes: data the contracts let through but PostgreSQL refuses (SQLSTATE class
 * 22, or 23 other than a unique violation) is the sender's to fix, so it is a 422 that says what
 * was refused rather than a 500. Everything else goes to Nest's usual handling.
 */
@Catch()
export class DatabaseRefusalFilter extends BaseExceptionFilter {
  private readonly logger = new Logger(DatabaseRefusalFilter.name);

  override catch(exception: unknown, host: ArgumentsHost): void {
    const info = classifyDatabaseError(exception) === 'permanent' ? databaseErrorOf(exception) : undefined;
    if (info === undefined || host.getType() !== 'http') {
      super.catch(exception, host);
      return;
    }
    const body: DatabaseRefusalBody = {
      statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
      error: 'Unprocessable Entity',
      message: 'the database cannot store this request: correct the data and send it again',
      issues: [describeDatabaseError(info)],
    };
    this.logger.warn(`request refused by the database: ${body.issues[0]}`);
    const adapter = this.applicationRef ?? this.httpAdapterHost?.httpAdapter;
    if (adapter === undefined) {
      super.catch(exception, host);
      return;
    }
    adapter.reply(host.switchToHttp().getResponse(), body, body.statusCode);
  }
}
