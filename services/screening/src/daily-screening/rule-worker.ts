import { parentPort } from 'node:worker_threads';
import { screenReport, type FamilyInfo, type ReportForScreening, type ReportHit } from './hit-rules';

export type RuleJob = { id: number; rows: ReportForScreening[]; families: [string, FamilyInfo][] };
export type RuleReply = { id: number; ok: true; hits: (ReportHit | null)[] } | { id: number; ok: false; error: string };

/** Runs in a worker thread: the daily screening rules over one slice of a chunk. */
parentPort?.on('message', (job: RuleJob) => {
  try {
    const families = new Map(job.families);
    const hits = job.rows.map((row) => screenReport(row, families.get(row.recordedFamily)));
    parentPort?.postMessage({ id: job.id, ok: true, hits } satisfies RuleReply);
  } catch (error) {
    parentPort?.postMessage({ id: job.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies RuleReply);
  }
});
