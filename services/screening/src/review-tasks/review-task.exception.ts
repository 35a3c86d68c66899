import { BadRequestException, ConflictException, NotFoundException, type HttpException } from '@nestjs/common';

export type ReviewTaskErrorCode = 'task-not-found' | 'reclassification-ref-required' | 'reason-required' | 'not-a-reclassification-task';

export class ReviewTaskError extends Error {
  constructor(
    readonly code: ReviewTaskErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReviewTaskError';
  }
}

const assertUnreachable = (value: never): never => {
  throw new Error(`unhandled review task error ${String(value)}`);
};

export const toHttpException = (error: ReviewTaskError): HttpException => {
  switch (error.code) {
    case 'task-not-found':
      return new NotFoundException({ code: error.code, message: error.message });
    case 'reclassification-ref-required':
    case 'reason-required':
      return new BadRequestException({ code: error.code, message: error.message });
    case 'not-a-reclassification-task':
      return new ConflictException({ code: error.code, message: error.message });
    default:
      return assertUnreachable(error.code);
  }
};
