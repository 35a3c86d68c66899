import { Injectable } from '@nestjs/common';
import type { SuggestedAction } from '@easi/contracts';
import type { HitRow } from '../daily-screening/screening-run.repository';
import { EASI_TEAM_QUEUE } from '../daily-screening/screening-run.service';
import { JourneyHandoff, type JourneyHandoffResult } from './journey-handoff';
import { ReviewTaskRepository, type MonthFigure, type ReviewDecisionKind, type ReviewDecisionRow } from './review-task.repository';
import { ReviewTaskError } from './review-task.exception';

export type ReviewDecisionInput = {
  decision: ReviewDecisionKind;
  actionsTaken: SuggestedAction[];
  reclassificationRef?: string;
  reason?: string;
};

/**
 * Another version of the task's report on the list, without its people: the task's read is audited
 * against the task's own suspects and victims, so a version naming someone else must not show them.
 */
export type OtherVersion = Omit<HitRow, 'suspectRefs' | 'victimRefs'>;

/** A task with its decisions and the report's other flagged versions, so an open review sees a newer version that joined it. */
export type ReviewTaskView = HitRow & { decisions: ReviewDecisionRow[]; otherVersions: OtherVersion[] };

/** The decision as stored, and the journeys it reached when the suspect was marked a possible EASI candidate. */
export type RecordedDecision = ReviewDecisionRow & { journeys: JourneyHandoffResult[] };

@Injectable()
export class ReviewTaskService {
  constructor(
    private readonly tasks: ReviewTaskRepository,
    private readonly journeys: JourneyHandoff,
  ) {}

  list(filter: { status?: 'open' | 'completed'; day?: string }, limit: number, offset: number): Promise<HitRow[]> {
    return this.tasks.list({ queue: EASI_TEAM_QUEUE, ...filter }, limit, offset);
  }

  async one(taskId: string): Promise<ReviewTaskView> {
    const task = await this.tasks.one(taskId);
    if (!task) throw new ReviewTaskError('task-not-found', `no review task ${taskId}`);
    const [decisions, versions] = await Promise.all([this.tasks.decisions(taskId), this.tasks.otherVersions(task)]);
    const otherVersions = versions.map(({ suspectRefs: _suspects, victimRefs: _victims, ...rest }): OtherVersion => rest);
    return { ...task, decisions, otherVersions };
  }

  /**
   * Records what the reviewer did. Confirming a misclassification needs the reclassification
   * submission's reference; rejecting one needs a reason. Decisions are appended, never replaced.
   */
  async decide(taskId: string, input: ReviewDecisionInput, by: string): Promise<RecordedDecision> {
    const task = await this.tasks.one(taskId);
    if (!task) throw new ReviewTaskError('task-not-found', `no review task ${taskId}`);
    const reason = input.reason?.trim() ?? '';
    if (input.decision !== 'actions-recorded' && task.taskKind !== 'reclassification-review') {
      throw new ReviewTaskError(
        'not-a-reclassification-task',
        'this hit was not flagged as a possible misclassification: record actions instead',
      );
    }
    if (input.decision === 'confirm-misclassification' && !input.reclassificationRef) {
      throw new ReviewTaskError(
        'reclassification-ref-required',
        'confirming a misclassification needs the reclassification submission reference',
      );
    }
    if (input.decision === 'reject-misclassification' && reason === '') {
      throw new ReviewTaskError('reason-required', 'rejecting a flag needs a reason');
    }
    const actions = new Set<string>(input.actionsTaken);
    if (input.decision === 'confirm-misclassification') actions.add('reclassification-submission');
    const row = await this.tasks.decide(taskId, {
      decision: input.decision,
      actionsTaken: [...actions],
      reclassificationRef: input.reclassificationRef ?? null,
      reason: reason || (input.decision === 'confirm-misclassification' ? 'reclassification submitted' : 'actions recorded'),
      decidedBy: by,
    });
    const journeys = actions.has('possible-easi-candidate')
      ? await this.journeys.handOver(task, input.decision === 'confirm-misclassification' || task.recordedFamily === 'stalking')
      : [];
    return { ...row, journeys };
  }

  misclassifiedByMonth(from: string, to: string): Promise<MonthFigure[]> {
    return this.tasks.misclassifiedByMonth(from, to);
  }
}
