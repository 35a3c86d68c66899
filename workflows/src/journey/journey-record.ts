import { upsertSearchAttributes } from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import {
  SEARCH_ATTRIBUTE_KEYS,
  type ChildProgress,
  type EligibilityOverrideSummary,
  type JourneyOutcome,
  type JourneyStage,
  type JourneyState,
  type OpenTaskSummary,
} from '@easi/contracts';

type Attributes = { policeArea?: string; riskLevel?: string; disposal?: string };

/**
 * How search attributes reach the server. `immediate` (journeys started before lean-workflow-tasks)
 * upserts at every call, as those histories recorded; `coalesced` keeps the wanted values and sends
 * only what changed, once per workflow task (a microtask after the activation's code has run), so
 * an Update that closes one task, changes the stage and opens the next costs one upsert, not three.
 */
export type AttributeMode = 'immediate' | 'coalesced';

/**
 * The journey's case history and operator view: the timeline in plain words, open tasks (its own
 * and its children's), and the search attributes kept current with them. Domain codes and
 * pseudonymous references only.
 */
export class JourneyRecord {
  readonly state: JourneyState;
  private readonly open = new Map<string, OpenTaskSummary>();
  private readonly wanted = new Map<string, SearchAttributeUpdatePair>();
  private readonly sent = new Map<string, string>();
  private flushQueued = false;

  constructor(
    journeyRef: string,
    private readonly mode: AttributeMode = 'immediate',
  ) {
    this.state = { journeyRef, stage: 'detected', timeline: [], openTasks: [], sessionsAttended: 0 };
  }

  private upsert(pairs: SearchAttributeUpdatePair[]): void {
    if (this.mode === 'immediate') {
      upsertSearchAttributes(pairs);
      return;
    }
    for (const pair of pairs) this.wanted.set(pair.key.name, pair);
    if (this.flushQueued) return;
    this.flushQueued = true;
    void Promise.resolve().then(() => this.flushAttributes());
  }

  /** Sends the attributes whose wanted value differs from the last one sent (coalesced mode). */
  flushAttributes(): void {
    this.flushQueued = false;
    const changed: SearchAttributeUpdatePair[] = [];
    for (const [name, pair] of this.wanted) {
      const value = JSON.stringify(pair.value);
      if (this.sent.get(name) === value) continue;
      this.sent.set(name, value);
      changed.push(pair);
    }
    this.wanted.clear();
    if (changed.length) upsertSearchAttributes(changed);
  }

  record(what: string, by = 'system'): void {
    this.state.timeline.push({ at: new Date().toISOString(), stage: this.state.stage, what, by });
  }

  enter(stage: JourneyStage): void {
    this.state.stage = stage;
    this.upsert([{ key: SEARCH_ATTRIBUTE_KEYS.stage, value: stage }]);
  }

  attributes(values: Attributes): void {
    const pairs: SearchAttributeUpdatePair[] = [];
    if (values.policeArea !== undefined) pairs.push({ key: SEARCH_ATTRIBUTE_KEYS.policeArea, value: values.policeArea });
    if (values.riskLevel !== undefined) {
      this.state.riskLevel = values.riskLevel;
      pairs.push({ key: SEARCH_ATTRIBUTE_KEYS.riskLevel, value: values.riskLevel });
    }
    if (values.disposal !== undefined) {
      this.state.disposal = values.disposal;
      pairs.push({ key: SEARCH_ATTRIBUTE_KEYS.disposal, value: values.disposal });
    }
    if (pairs.length) this.upsert(pairs);
  }

  taskOpened(task: OpenTaskSummary): void {
    this.open.set(task.taskId, task);
    this.syncTasks();
  }

  taskClosed(taskId: string): void {
    if (this.open.delete(taskId)) this.syncTasks();
  }

  childProgress(progress: ChildProgress): void {
    if (progress.entry) this.record(progress.entry.what, progress.entry.by);
    if (progress.taskOpened) this.taskOpened(progress.taskOpened);
    if (progress.taskClosed) this.taskClosed(progress.taskClosed);
    if (progress.sessionsAttended !== undefined && progress.sessionsAttended !== this.state.sessionsAttended) {
      this.state.sessionsAttended = progress.sessionsAttended;
      this.upsert([{ key: SEARCH_ATTRIBUTE_KEYS.sessionsAttended, value: progress.sessionsAttended }]);
    }
  }

  /** Awaited queue and next deadline follow the earliest-due open task. */
  private syncTasks(): void {
    const tasks = [...this.open.values()].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    this.state.openTasks = tasks;
    const next = tasks[0];
    this.upsert([
      { key: SEARCH_ATTRIBUTE_KEYS.awaitedQueue, value: next ? next.queue : null },
      { key: SEARCH_ATTRIBUTE_KEYS.nextDeadline, value: next ? new Date(next.dueAt) : null },
    ]);
  }

  /** A supervisor overrode the eligibility rules: kept as data (not only in the timeline's words), without the facts the note may carry. */
  eligibilityOverridden(note: EligibilityOverrideSummary): void {
    const { overrideId, target, from, to, reason, by, at, rulesOutcome } = note;
    this.state.eligibilityOverride = { overrideId, target, from, to, reason, by, at, rulesOutcome };
  }

  close(outcome: JourneyOutcome, reason: string, by: string): void {
    this.open.clear();
    this.syncTasks();
    this.state.stage = 'closed';
    this.state.outcome = outcome;
    this.state.closureReason = reason;
    this.record(`Journey closed — outcome: ${outcome}. ${reason}`, by);
    this.upsert([
      { key: SEARCH_ATTRIBUTE_KEYS.stage, value: 'closed' },
      { key: SEARCH_ATTRIBUTE_KEYS.outcome, value: outcome },
    ]);
    // The workflow completes in this workflow task: send now rather than after it.
    if (this.mode === 'coalesced') this.flushAttributes();
  }

  snapshot(): JourneyState {
    return { ...this.state, timeline: [...this.state.timeline], openTasks: [...(this.state.openTasks ?? [])] };
  }
}
