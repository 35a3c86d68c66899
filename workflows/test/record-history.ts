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

/**
 * Every recorded history, with the workflow id it ran under: the current version's in `histories/`,
 * earlier released versions' in `histories/<version>/` (named `<version>/<path>`), all replayed.
 */
export const loadHistories = (): RecordedHistory[] => {
  const versions = readdirSync(HISTORIES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return ['', ...versions].flatMap((version) =>
    readdirSync(join(HISTORIES_DIR, version))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => {
        const history = History.fromObject(JSON.parse(readFileSync(join(HISTORIES_DIR, version, f), 'utf8')) as object);
        const started = history.events[0]?.workflowExecutionStartedEventAttributes;
        const name = join(version, f.replace(/\.json$/, ''));
        return { name, workflowId: started?.workflowId ?? `replay-${name}`, history };
      }),
  );
};
