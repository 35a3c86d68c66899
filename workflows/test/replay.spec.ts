import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { loadHistories } from './record-history';
import { journeyWorkflowOptions } from '../bundle-options';

jest.setTimeout(120_000);

const histories = loadHistories();

describe('replay of recorded histories', () => {
  it('should have a recorded history for every exit and every child workflow', () => {
    const names = histories.map((h) => h.name);
    for (const exit of [
      'completed',
      'ineligible',
      'high-risk',
      'triage-declined',
      'consent-declined',
      'consent-withdrawn',
      'non-attendance',
      'caution-breached',
      're-offended',
    ]) {
      expect(names).toContain(`journey-${exit}`);
    }
    expect(names).toEqual(
      expect.arrayContaining([
        'intervention-completed',
        'intervention-non-compliant',
        'monitoring-re-offended',
        'compliance-breached',
        'victim-support-engaged',
      ]),
    );
    // The first released version (before lean-workflow-tasks and booked-sessions) stays replayable.
    expect(names).toEqual(expect.arrayContaining(['v1/journey-completed', 'v1/intervention-completed', 'v1/journey-non-attendance']));
  });

  it('should replay every recorded history with the current workflow code', async () => {
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      journeyWorkflowOptions(),
      histories.map(({ workflowId, history }) => ({ workflowId, history })),
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
    }
    expect(failures).toEqual([]);
  });

  it('should catch a deliberate non-deterministic change to the journey', async () => {
    const completed = histories.find((h) => h.name === 'journey-completed');
    if (!completed) throw new Error('journey-completed history missing');
    await expect(
      Worker.runReplayHistory(
        journeyWorkflowOptions(require.resolve('./changed-workflows/nondeterministic.ts')),
        completed.history,
        completed.workflowId,
      ),
    ).rejects.toBeInstanceOf(DeterminismViolationError);
  });

  it('should replay the old histories when the same change is made behind patched()', async () => {
    const completed = histories.find((h) => h.name === 'journey-completed');
    if (!completed) throw new Error('journey-completed history missing');
    await expect(
      Worker.runReplayHistory(
        journeyWorkflowOptions(require.resolve('./changed-workflows/patched.ts')),
        completed.history,
        completed.workflowId,
      ),
    ).resolves.toBeUndefined();
  });

  it('should replay the daily screening with its catch-up of missed days when the recorded run is replayed alone', async () => {
    const daily = histories.find((h) => h.name === 'daily-screening-catch-up');
    if (!daily) throw new Error('daily-screening-catch-up history missing');
    await expect(Worker.runReplayHistory(journeyWorkflowOptions(), daily.history, daily.workflowId)).resolves.toBeUndefined();
  });
});
