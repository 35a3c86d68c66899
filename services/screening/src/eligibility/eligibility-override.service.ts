import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@easi/auth';
import { currentCorrelationId } from '@easi/logging';
import { TaskError, TaskService, actorOf, toHttp, type TaskView } from '@easi/tasks';
import { AuditService } from '../audit/audit.service';
import { overrideOutcome, type OverrideBody, type OverrideNote } from './eligibility-override';
import { overrideRefusal, toOverrideHttp } from './eligibility-override.exception';
import { EligibilityOverrideRepository, type OverrideRow } from './eligibility-override.repository';
import { withPendingOverride } from './pending-override';
import { ScreeningRiskService } from './screening-risk.service';

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
 * run on the facts with the risk level from the person's assessments, the override is checked by
 * the rules (reason required, high risk never diverted), the overridden outcome goes to the journey as the task's decision, and the override
 * is recorded beside the rules' own result, append-only, with who, when and why.
 */
@Injectable()
export class EligibilityOverrideService {
  constructor(
    private readonly tasks: TaskService,
    private readonly overrides: EligibilityOverrideRepository,
    private readonly audit: AuditService,
    private readonly risk: ScreeningRiskService,
  ) {}

  async override(user: AuthenticatedUser, taskId: string, body: OverrideBody): Promise<{ override: OverrideNote; task: TaskView }> {
    const task = await asHttp(() => this.tasks.get(user, taskId));
    if (task.kind !== 'eligibility-screening')
      throw overrideRefusal('not-an-eligibility-task', `task ${taskId} is a ${task.kind} task, not the eligibility screening`);
    // A decided task is refused as the inbox refuses it, before the person's records are read.
    if (task.status !== 'open' && task.status !== 'claimed')
      throw toHttp(
        new TaskError('not-open', `task ${taskId} is ${task.status}${task.completedBy ? ` (decided by ${task.completedBy})` : ''}`),
      );
    const correlationId = currentCorrelationId();
    const who = {
      overrideId: randomUUID(),
      by: actorOf(user),
      at: new Date().toISOString(),
      roles: user.roles,
      ...(correlationId ? { correlationId } : {}),
    };
    // The same risk level as the investigator's path: from the person's assessments on record.
    const risk = await this.risk.riskFor(body.facts, task.journeyRef, who.by);
    const outcome = await asHttp(() => Promise.resolve(overrideOutcome(body, who, risk)));
    // The journey takes the decision first (its Update may refuse it). The decision carries the whole
    // override, and recording it writes the override row and its audit row in the same transaction
    // (eligibility.tasks.ts): here once accepted, or by the journey's confirmDecision if we stop first.
    const completed = await asHttp(() =>
      withPendingOverride(outcome.decision, () =>
        this.tasks.complete(user, taskId, { decision: body.facts, reason: `Supervisor override: ${outcome.note.reason}` }),
      ),
    );
    return { override: outcome.note, task: completed };
  }

  async forJourney(user: AuthenticatedUser, journeyRef: string, header: string | undefined): Promise<OverrideView[]> {
    await this.audit.record(
      user,
      { action: 'read-eligibility-overrides', subjectType: 'journey', subjectRef: journeyRef },
      { header, purpose: 'eligibility review' },
    );
    return (await this.overrides.forJourney(journeyRef)).map((row) => ({ ...row, overriddenAt: new Date(row.overriddenAt).toISOString() }));
  }
}
