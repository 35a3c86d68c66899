import { condition, workflowInfo } from '@temporalio/workflow';
import type { JourneyPolicy } from '@easi/contracts';
import { referral } from './activities';
import { TaskBook } from './human-task';
import { ParentReport, childTaskHooks } from './progress';

export type CautionCondition = { code: string; description: string };
export type ComplianceInput = {
  journeyRef: string;
  parentWorkflowId: string;
  policy: JourneyPolicy;
  riskLevel: string;
  conditions: CautionCondition[];
};
export type ComplianceResult = { breached: boolean; reason: string };

/**
 * Conditional-caution compliance: every condition has a due date; one not done by then becomes a
 * police decision (prosecute the original offence, or other action). Prosecution ends the caution.
 */
export async function cautionCompliance(input: ComplianceInput): Promise<ComplianceResult> {
  const { policy, journeyRef } = input;
  const report = new ParentReport(input.parentWorkflowId);
  let breach: string | undefined;
  const tasks = new TaskBook(
    childTaskHooks(report, {
      journeyRef,
      stage: () => 'compliance',
      riskLevel: () => input.riskLevel,
      escalationGrace: policy.escalationGrace,
      abandon: () => breach !== undefined,
    }),
  );

  const watch = async (c: CautionCondition): Promise<void> => {
    const done = await tasks.ask({
      kind: 'caution-condition',
      queue: 'easi-team',
      title: `Confirm the caution condition "${c.code}" is met`,
      due: policy.cautionConditionDue,
      context: { condition: c.code },
      expires: true,
    });
    if (done) {
      await report.send({ entry: { what: `Caution condition "${c.code}" met.`, by: done.by } });
      return;
    }
    if (breach) return;
    await referral.raiseAlert({
      alertId: `${workflowInfo().workflowId}:${c.code}:missed`,
      journeyRef,
      kind: 'condition-missed',
      audiences: ['police'],
      summary: `Conditional caution condition "${c.code}" was not met by its due date.`,
    });
    await report.send({ entry: { what: `Caution condition "${c.code}" missed its due date: police decision needed.`, by: 'system' } });
    const decided = await tasks.ask({
      kind: 'breach-decision',
      queue: 'supervisors',
      title: `Caution condition "${c.code}" missed: prosecute the original offence or other action`,
      due: policy.breachDecisionDeadline,
      context: { condition: c.code },
    });
    if (!decided) return;
    if (decided.decision.action === 'prosecute-original-offence') {
      breach ??= `caution condition "${c.code}" breached; police decided to prosecute the original offence (${decided.reason})`;
    } else {
      await report.send({
        entry: { what: `Caution condition "${c.code}" missed; police took other action (${decided.reason}).`, by: decided.by },
      });
    }
  };

  let finished = 0;
  const watching = input.conditions.map((c) => watch(c).finally(() => (finished += 1)));
  await condition(() => breach !== undefined || finished === watching.length);
  await Promise.all(watching);
  await Promise.all([report.flush(), tasks.settled()]);
  return breach ? { breached: true, reason: breach } : { breached: false, reason: 'all caution conditions met or dealt with' };
}
