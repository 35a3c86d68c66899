import type {
  CreateTaskInput,
  InboxQueue,
  InterventionActivities,
  RaiseAlertInput,
  RecordSessionInput,
  ReferralActivities,
  ServiceName,
  TaskActivities,
  TaskKind,
} from '@easi/contracts';

export type FakeTask = CreateTaskInput & {
  status: 'open' | 'completed' | 'cancelled';
  reminded: boolean;
  escalated: boolean;
  confirmedBy?: string;
};

/**
 * In-memory stand-ins for the services' activities, so workflow tests exercise the workflow code on
 * a real Temporal server without Postgres or Kafka. Idempotent like the real ones.
 */
export class FakeServices {
  readonly tasks = new Map<string, FakeTask>();
  readonly alerts = new Map<string, RaiseAlertInput>();
  readonly sessions = new Map<string, RecordSessionInput>();
  readonly closed = new Map<string, { outcome: string; reason: string }>();
  readonly episodes = new Map<string, string>();
  /** Sessions attended as each episode was closed. */
  readonly episodeSessions = new Map<string, number>();

  /** Re-checks of `until`: this state changes only when an activity runs, so each activity call wakes them. */
  private readonly waiters = new Set<() => void>();

  openTask(journeyRef: string, kind: TaskKind): FakeTask | undefined {
    return [...this.tasks.values()].find((t) => t.journeyRef === journeyRef && t.kind === kind && t.status === 'open');
  }

  /** Resolves with `probe`'s first truthy value, checked now and after every activity call. */
  until<T>(what: string, probe: () => T | false | null | undefined, timeoutMs = 20_000): Promise<T> {
    const now = probe();
    if (now) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(deadline);
        this.waiters.delete(check);
      };
      const check = (): void => {
        const value = probe();
        if (!value) return;
        done();
        resolve(value);
      };
      const deadline = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** The activities as workers run them: each call, once it has changed the state, wakes the waiters. */
  private notifying<A extends object>(activities: A): A {
    return Object.fromEntries(
      Object.entries(activities).map(([name, fn]) => [
        name,
        async (...args: unknown[]) => {
          try {
            return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
          } finally {
            for (const check of [...this.waiters]) check();
          }
        },
      ]),
    ) as A;
  }

  private taskActivities(): TaskActivities {
    return {
      createTask: async (input) => {
        if (this.tasks.has(input.taskId)) return { created: false };
        this.tasks.set(input.taskId, { ...input, status: 'open', reminded: false, escalated: false });
        return { created: true };
      },
      remindTask: async ({ taskId }) => {
        const t = this.tasks.get(taskId);
        if (!t || t.reminded) return { reminded: false };
        t.reminded = true;
        return { reminded: true };
      },
      escalateTask: async ({ taskId }) => {
        const t = this.tasks.get(taskId);
        if (!t || t.escalated) return { escalated: false, queue: (t?.queue ?? 'supervisors') as InboxQueue };
        t.escalated = true;
        t.queue = 'supervisors';
        return { escalated: true, queue: 'supervisors' };
      },
      cancelTask: async ({ taskId }) => {
        const t = this.tasks.get(taskId);
        if (!t || t.status !== 'open') return { cancelled: false };
        t.status = 'cancelled';
        return { cancelled: true };
      },
      confirmDecision: async ({ taskId, by }) => {
        const t = this.tasks.get(taskId);
        if (!t || t.confirmedBy) return { recorded: false };
        t.status = 'completed';
        t.confirmedBy = by;
        return { recorded: true };
      },
    };
  }

  activitiesFor(service: ServiceName): object {
    const tasks = this.taskActivities();
    if (service === 'referral') {
      const referral: ReferralActivities = {
        openReferralCase: async (input) => ({ caseRef: `RC-${input.journeyRef.slice(-8).toUpperCase()}`, created: true }),
        closeReferralCase: async (input) => {
          const created = !this.closed.has(input.journeyRef);
          if (created) this.closed.set(input.journeyRef, { outcome: input.outcome, reason: input.reason });
          return { closed: created };
        },
        raiseAlert: async (input) => {
          const raised = !this.alerts.has(input.alertId);
          this.alerts.set(input.alertId, input);
          return { raised };
        },
      };
      return this.notifying({ ...referral, ...tasks });
    }
    if (service === 'intervention') {
      const intervention: InterventionActivities = {
        openInterventionEpisode: async (input) => {
          this.episodes.set(input.journeyRef, 'open');
          return { journeyRef: input.journeyRef, status: 'awaiting-allocation', created: true };
        },
        recordSession: async (input) => {
          const key = `${input.journeyRef}/${input.sessionNumber}/${input.attempt}`;
          const created = !this.sessions.has(key);
          this.sessions.set(key, input);
          return { created };
        },
        closeInterventionEpisode: async (input) => {
          this.episodes.set(input.journeyRef, input.status);
          this.episodeSessions.set(input.journeyRef, input.sessionsAttended);
          return { closed: true };
        },
      };
      return this.notifying({ ...intervention, ...tasks });
    }
    return this.notifying(tasks);
  }
}
