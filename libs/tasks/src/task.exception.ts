import { HttpException, HttpStatus } from '@nestjs/common';

export type TaskErrorCode =
  'not-found' | 'forbidden' | 'not-open' | 'claimed-by-other' | 'invalid-decision' | 'wrong-state' | 'workflow-closed';

/** One error type for the task inbox; `toHttp` maps each code at the edge. */
export class TaskError extends Error {
  constructor(
    readonly code: TaskErrorCode,
    message: string,
    readonly issues: string[] = [],
  ) {
    super(message);
    this.name = 'TaskError';
  }
}

const assertUnreachable = (code: never): never => {
  throw new Error(`unmapped task error code ${String(code)}`);
};

const statusOf = (code: TaskErrorCode): HttpStatus => {
  switch (code) {
    case 'not-found':
      return HttpStatus.NOT_FOUND;
    case 'forbidden':
      return HttpStatus.FORBIDDEN;
    case 'not-open':
    case 'claimed-by-other':
    case 'wrong-state':
    case 'workflow-closed':
      return HttpStatus.CONFLICT;
    case 'invalid-decision':
      return HttpStatus.UNPROCESSABLE_ENTITY;
    default:
      return assertUnreachable(code);
  }
};

export const toHttp = (error: unknown): unknown => {
  if (!(error instanceof TaskError)) return error;
  const status = statusOf(error.code);
  return new HttpException(
    { statusCode: status, error: error.code, message: error.message, ...(error.issues.length ? { issues: error.issues } : {}) },
    status,
  );
};
