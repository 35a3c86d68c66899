import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export const HISTORIES_DIR = join(__dirname, 'histories');

type History = temporal.api.history.v1.History;
const { History } = temporal.api.history.v1;

/**
 * With EASI_RECORD_HISTORIES=1 the path tests save each finished workflow's history for the replay
 * suite (re-record after a deliberate, patched() change; never to make a failing replay pass).
 */
export const recordHistory = async (name: string, handle: WorkflowHandle): Promise<void> => {
  if (process.env.EASI_RECORD_HISTORIES !== '1') return;
  const history = (await handle.fetchHistory()) as History;
  const json = History.toObject(history, { longs: String, enums: String, bytes: String });
  writeFileSync(join(HISTORIES_DIR, `${name}.json`), `${JSON.stringify(json)}\n`);
};

export type RecordedHistory = { name: string; workflowId: string; history: History };

/** Every recorded history, with the workflow id it ran under. */
export const loadHistories = (): RecordedHistory[] =>
  readdirSync(HISTORIES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const history = History.fromObject(JSON.parse(readFileSync(join(HISTORIES_DIR, f), 'utf8')) as object);
      const started = history.events[0]?.workflowExecutionStartedEventAttributes;
      return { name: f.replace(/\.json$/, ''), workflowId: started?.workflowId ?? `replay-${f}`, history };
    });
