import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@easi/auth';
import { currentCorrelationId } from '@easi/logging';
import { AuditRepository, type AuditEntry, type AuditRow } from './audit.repository';

/** Why the caller reads: the `x-access-reason` header, or the route's stated purpose. */
export const ACCESS_REASON_HEADER = 'x-access-reason';

const cleanReason = (header: string | undefined, fallback: string): string => {
  const trimmed = header?.trim().slice(0, 500);
  return trimmed ? trimmed : fallback;
};

/** Every read of a person's record and every decision is written here: who, when, what, why. */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async record(
    user: AuthenticatedUser,
    what: Pick<AuditEntry, 'action' | 'subjectType' | 'subjectRef' | 'personRefs'>,
    why: { header?: string; purpose: string },
  ): Promise<void> {
    const correlationId = currentCorrelationId();
    await this.audit.insert({
      actor: user.subject,
      agency: user.agency,
      roles: user.roles,
      ...what,
      reason: cleanReason(why.header, why.purpose),
      ...(correlationId ? { correlationId } : {}),
    });
  }

  trail(subjectType: AuditEntry['subjectType'], subjectRef: string): Promise<AuditRow[]> {
    return subjectType === 'person' ? this.audit.forPerson(subjectRef, 500) : this.audit.forSubject(subjectType, subjectRef, 500);
  }
}
