import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import { screenReport, type FamilyInfo, type ReportForScreening, type ReportHit } from './hit-rules';
import type { RuleJob, RuleReply } from './rule-worker';

type Pending = { resolve: (hits: (ReportHit | null)[]) => void; reject: (error: Error) => void };
type Member = { worker: Worker; pending: Map<number, Pending> };

/** Below this many rows a slice is screened in place: posting it costs more than it saves. */
const MIN_SLICE = 250;

/**
 * The daily screening rules on worker threads. Reading a narrative is pure CPU (about 60 µs a
 * report): on the service's one thread a national day's rules wait behind each other and behind
 * the database work of the other lanes; spread over threads they use every core. A worker that
 * cannot start or fails leaves the pool, and its rows are screened in place, so the run never
 * depends on threads.
 */
export class RulePool {
  private readonly logger = new Logger(RulePool.name);
  private readonly members: Member[] = [];
  private nextId = 0;
  private closed = false;

  constructor(private readonly size = Math.max(1, Math.min(4, availableParallelism()))) {}

  /** Starts the threads, so loading the rules is not part of the first run. */
  start(): void {
    if (this.closed || this.members.length > 0) return;
    // The worker is this directory's rule-worker, compiled or run through the service's TypeScript hook.
    const file = join(__dirname, `rule-worker${extname(__filename)}`);
    for (let i = 0; i < this.size; i += 1) {
      let worker: Worker;
      try {
        worker = new Worker(file);
      } catch (error) {
        this.logger.warn(`screening rules stay on the main thread: ${String(error)}`);
        return;
      }
      const member: Member = { worker, pending: new Map() };
      worker.on('message', (reply: RuleReply) => {
        const pending = member.pending.get(reply.id);
        member.pending.delete(reply.id);
        if (member.pending.size === 0) worker.unref();
        if (reply.ok) pending?.resolve(reply.hits);
        else pending?.reject(new Error(reply.error));
      });
      worker.on('error', (error) => this.retire(member, error));
      worker.on('exit', (code) => this.retire(member, new Error(`rule worker exited with code ${code}`)));
      worker.unref();
      this.members.push(member);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const members = this.members.splice(0);
    await Promise.all(members.map((m) => m.worker.terminate()));
  }

  /** The hit (or null) for each row, in order. */
  async screen(rows: readonly ReportForScreening[], families: ReadonlyMap<string, FamilyInfo>): Promise<(ReportHit | null)[]> {
    this.start();
    if (this.members.length === 0 || rows.length < MIN_SLICE) return rows.map((row) => screenReport(row, families.get(row.recordedFamily)));
    const parts = Math.min(this.members.length, Math.ceil(rows.length / MIN_SLICE));
    const size = Math.ceil(rows.length / parts);
    const list = [...families.entries()];
    const slices: Promise<(ReportHit | null)[]>[] = [];
    for (let start = 0; start < rows.length; start += size) {
      const slice = rows.slice(start, start + size);
      slices.push(this.post(slice, list).catch(() => slice.map((row) => screenReport(row, families.get(row.recordedFamily)))));
    }
    return (await Promise.all(slices)).flat();
  }

  private post(rows: ReportForScreening[], families: [string, FamilyInfo][]): Promise<(ReportHit | null)[]> {
    const member = this.members.reduce<Member | undefined>((best, m) => (best === undefined || m.pending.size < best.pending.size ? m : best), undefined);
    if (member === undefined) return Promise.reject(new Error('no rule worker'));
    const id = (this.nextId += 1);
    return new Promise((resolve, reject) => {
      // Held open only while it has work, so an idle pool never keeps the process alive.
      if (member.pending.size === 0) member.worker.ref();
      member.pending.set(id, { resolve, reject });
      member.worker.postMessage({ id, rows, families } satisfies RuleJob);
    });
  }

  private retire(member: Member, error: Error): void {
    const index = this.members.indexOf(member);
    if (index >= 0) this.members.splice(index, 1);
    if (!this.closed) this.logger.warn(`a rule worker left the pool (${error.message}); its rows are screened on the main thread`);
    for (const pending of member.pending.values()) pending.reject(error);
    member.pending.clear();
  }
}
