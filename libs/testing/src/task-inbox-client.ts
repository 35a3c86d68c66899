import type { Page, TaskDecision, TaskKind, TaskView } from '@easi/contracts';

export type InboxResponse<T> = { status: number; body: T };
export type TaskRefusal = { statusCode: number; error: string; message: string; issues?: string[] };

/**
 * Milliseconds until a task can be decided: a booked fACT session's outcome task exists from the
 * booking, but its outcome is refused before the session's time (`context.scheduledFor`).
 */
export const msUntilActionable = (task: Pick<TaskView, 'context'>, now = Date.now()): number => {
  const at = typeof task.context.scheduledFor === 'string' ? Date.parse(task.context.scheduledFor) : Number.NaN;
  return Number.isNaN(at) ? 0 : Math.max(0, at - now);
};

/**
 * A typed HTTP client for one service's task inbox (`/tasks`), for scripts, the demo, benchmarks
 * and end-to-end tests: what a caseworker's screen would call.
 */
export class TaskInboxClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: () => Promise<string>,
    /** A completion waits for the journey to accept the Update: allow for a busy worker. */
    private readonly timeoutMs = 30_000,
  ) {}

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<InboxResponse<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${await this.token()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async list(query: Record<string, string | number> = {}): Promise<Page<TaskView>> {
    const qs = new URLSearchParams(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)]))).toString();
    const res = await this.call<Page<TaskView>>('GET', `/tasks${qs ? `?${qs}` : ''}`);
    if (res.status !== 200) throw new Error(`GET /tasks answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Polls until the journey has an open task of this kind (the workflow creates it asynchronously). */
  async waitForTask(journeyRef: string, kind: TaskKind, timeoutMs = 30_000): Promise<TaskView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const page = await this.list({ journeyRef, kind, status: 'open,claimed' });
      if (page.items[0]) return page.items[0];
      if (Date.now() > deadline) throw new Error(`no open ${kind} task for journey ${journeyRef} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  get(taskId: string): Promise<InboxResponse<TaskView & { history: { action: string; by: string; reason: string | null; at: string }[] }>> {
    return this.call('GET', `/tasks/${taskId}`);
  }

  claim(taskId: string): Promise<InboxResponse<TaskView | TaskRefusal>> {
    return this.call('POST', `/tasks/${taskId}/claim`);
  }

  release(taskId: string, reason?: string): Promise<InboxResponse<TaskView | TaskRefusal>> {
    return this.call('POST', `/tasks/${taskId}/release`, reason ? { reason } : {});
  }

  reassign(taskId: string, to: { assignee?: string; queue?: string; reason: string }): Promise<InboxResponse<TaskView | TaskRefusal>> {
    return this.call('POST', `/tasks/${taskId}/reassign`, to);
  }

  complete<K extends TaskKind>(
    taskId: string,
    decision: Partial<TaskDecision<K>> | Record<string, unknown>,
    reason: string,
  ): Promise<InboxResponse<TaskView | TaskRefusal>> {
    return this.call('POST', `/tasks/${taskId}/complete`, { decision, reason });
  }

  /** Waits for the task, claims it and completes it; throws unless the decision was accepted. */
  async decide(
    journeyRef: string,
    kind: TaskKind,
    decision: Record<string, unknown>,
    reason: string,
    timeoutMs?: number,
  ): Promise<TaskView> {
    const task = await this.waitForTask(journeyRef, kind, timeoutMs);
    const wait = msUntilActionable(task);
    // A few milliseconds beyond the booked time: the journey judges by its own (server) clock.
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 20));
    const claimed = await this.claim(task.taskId);
    if (claimed.status !== 200) throw new Error(`claim ${kind} answered ${claimed.status}: ${JSON.stringify(claimed.body)}`);
    const done = await this.complete(task.taskId, decision, reason);
    if (done.status !== 200) throw new Error(`complete ${kind} answered ${done.status}: ${JSON.stringify(done.body)}`);
    return done.body as TaskView;
  }
}
