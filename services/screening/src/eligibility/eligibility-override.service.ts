import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@easi/auth';
import { currentCorrelationId } from '@easi/logging';
import { TaskService, actorOf, toHttp, type TaskView } from '@easi/tasks';
import { AuditService } from '../audit/audit.service';
import { overrideOutcome, type OverrideBody, type OverrideNote } from './eligibility-override';
import { overrideRefusal, toOverrideHttp } from './eligibility-override.exception';
import { EligibilityOverrideRepository, type OverrideRow } from './eligibility-override.repository';
import { withPendingOverride } from './pending-override';

export type OverrideView = Omit<OverrideRow, 'overriddenAt'> & { overriddenAt: string };

const asHttp = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    throw toOverrideHttp(toHttp(error));
  }
};

/**
 * A supervisor's override of the eligibility rules on the journey's eligibility task: the rules
 * run on the facts, the override is checked by the rules (reason required, high risk never
 * diverted), the overridden outcome goes to the journey as the task's decision, and the override
 * is recorded beside the rules' own result, append-only, with who, when and why.
 */
@Injectable()
export class EligibilityOverrideService {
  constructor(
    private readonly tasks: TaskService,
    private readonly overrides: EligibilityOverrideRepository,
    private readonly audit: AuditService,
  ) {}

  async override(user: AuthenticatedUser, taskId: string, body: OverrideBody): Promise<{ override: OverrideNote; task: TaskView }> {
    const task = await asHttp(() => this.tasks.get(user, taskId));
    if (task.kind !== 'eligibility-screening') throw overrideRefusal('not-an-eligibility-task', `task ${taskId} is a ${task.kind} task, not the eligibility screening`);
    const who = { overrideId: randomUUID(), by: actorOf(user), at: new Date().toISOString() };
    const outcome = await asHttp(() => Promise.resolve(overrideOutcome(body, who)));
    const { note } = outcome;
    // The journey takes the decision first (its Update may refuse it); only an accepted override is recorded.
    const completed = await asHttp(() => withPendingOverride(outcome.decision, () => this.tasks.complete(user, taskId, { decision: body.facts, reason: `Supervisor override: ${note.reason}` })));
    await this.overrides.insert({
      id: note.overrideId,
      taskId,
      journeyRef: task.journeyRef,
      target: note.target,
      fromResult: note.from,
      toResult: note.to,
      reason: note.reason,
      overriddenBy: note.by,
      overriddenByRoles: user.roles,
      overriddenAt: note.at,
      rulesOutcome: outcome.original.overall,
      finalOutcome: outcome.overridden.overall,
      riskLevel: body.facts.riskLevel,
      facts: body.facts,
      rulesResult: outcome.original,
      overriddenResult: { ...outcome.overridden, original: undefined },
      correlationId: currentCorrelationId() ?? null,
    });
    await this.audit.record(user, { action: 'override-eligibility', subjectType: 'journey', subjectRef: task.journeyRef }, { purpose: `eligibility override: ${note.reason}` });
    return { override: note, task: completed };
  }

  async forJourney(user: AuthenticatedUser, journeyRef: string, header: string | undefined): Promise<OverrideView[]> {
    await this.audit.record(user, { action: 'read-eligibility-overrides', subjectType: 'journey', subjectRef: journeyRef }, { header, purpose: 'eligibility review' });
    return (await this.overrides.forJourney(journeyRef)).map((row) => ({ ...row, overriddenAt: new Date(row.overriddenAt).toISOString() }));
  }
}
