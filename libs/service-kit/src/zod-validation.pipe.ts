import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { describeIssues } from '@easi/contracts';

export type ValidationErrorBody = {
  statusCode: 400;
  error: 'Bad Request';
  message: string;
  /** One entry per bad field: "suspect.personRef: must be a pseudonymous reference ..." */
  issues: string[];
};

/** Validates a request part with a contracts schema; a 400 names every bad field. */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(
    private readonly schema: S,
    private readonly what: string,
  ) {}

  transform(value: unknown): z.infer<S> {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const body: ValidationErrorBody = {
      statusCode: 400,
      error: 'Bad Request',
      message: `${this.what} is invalid`,
      issues: describeIssues(parsed.error),
    };
    throw new BadRequestException(body);
  }
}
