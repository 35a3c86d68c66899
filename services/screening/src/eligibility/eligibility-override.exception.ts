import { ConflictException, UnprocessableEntityException, type HttpException } from '@nestjs/common';
import { EligibilityOverrideError, type OverrideErrorCode } from '@easi/screening-rules';

export type EligibilityOverrideErrorCode = OverrideErrorCode | 'not-an-eligibility-task';

const assertUnreachable = (value: never): never => {
  throw new Error(`unhandled eligibility override error ${String(value)}`);
};

const statusOf = (code: EligibilityOverrideErrorCode): 'refused' | 'conflict' => {
  switch (code) {
    case 'high-risk-cannot-be-diverted':
    case 'risk-level-not-overridable':
    case 'nothing-to-override':
    case 'reason-required':
    case 'overrider-required':
      return 'refused';
    case 'not-an-eligibility-task':
      return 'conflict';
    default:
      return assertUnreachable(code);
  }
};

/** The rules' refusals are 422 (a valid request the rules will not accept); the wrong task is 409. */
export const overrideRefusal = (code: EligibilityOverrideErrorCode, message: string): HttpException => {
  const body = { statusCode: statusOf(code) === 'refused' ? 422 : 409, error: code, message };
  return statusOf(code) === 'refused' ? new UnprocessableEntityException(body) : new ConflictException(body);
};

export const toOverrideHttp = (error: unknown): unknown =>
  error instanceof EligibilityOverrideError ? overrideRefusal(error.code, error.message) : error;
