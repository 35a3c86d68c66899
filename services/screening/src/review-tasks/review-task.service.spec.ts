import type { HitRow } from '../daily-screening/screening-run.repository';
import type { JourneyHandoff } from './journey-handoff';
import type { ReviewTaskRepository } from './review-task.repository';
import { ReviewTaskError } from './review-task.exception';
import { ReviewTaskService } from './review-task.service';

const task = (kind: string): HitRow =>
  ({ id: 'h1', taskId: 't1', taskKind: kind, taskStatus: 'open', taskOutcome: null, flags: [], sourceRef: 'CR-1' }) as unknown as HitRow;

const setup = (kind = 'reclassification-review') => {
  const repo = {
    one: jest.fn().mockResolvedValue(task(kind)),
    decisions: jest.fn().mockResolvedValue([]),
    otherVersions: jest
      .fn()
      .mockResolvedValue([{ id: 'h2', sourceRef: 'CR-1', sourceVersion: 2, taskId: null, suspectRefs: ['S-9'], victimRefs: ['V-9'] }]),
    decide: jest.fn().mockImplementation((_id: string, d: object) => Promise.resolve({ id: 'd1', taskId: 't1', ...d })),
  };
  const journeys = { handOver: jest.fn().mockResolvedValue([{ journeyRef: 'jr-1', workflowId: 'journey-jr-1' }]) };
  return { repo, journeys, service: new ReviewTaskService(repo as unknown as ReviewTaskRepository, journeys as unknown as JourneyHandoff) };
};

describe('ReviewTaskService.decide', () => {
  it('should refuse a confirmation when it has no reclassification submission reference', async () => {
    const { service, repo } = setup();
    await expect(service.decide('t1', { decision: 'confirm-misclassification', actionsTaken: [] }, 'officer-1')).rejects.toMatchObject({
      code: 'reclassification-ref-required',
    });
    expect(repo.decide).not.toHaveBeenCalled();
  });

  it('should refuse a rejection when it has no reason', async () => {
    const { service } = setup();
    await expect(
      service.decide('t1', { decision: 'reject-misclassification', actionsTaken: [], reason: '  ' }, 'officer-1'),
    ).rejects.toBeInstanceOf(ReviewTaskError);
  });

  it('should refuse to confirm a misclassification when the hit was not flagged as one', async () => {
    const { service } = setup('screening-review');
    await expect(
      service.decide('t1', { decision: 'confirm-misclassification', actionsTaken: [], reclassificationRef: 'RC-1' }, 'officer-1'),
    ).rejects.toMatchObject({ code: 'not-a-reclassification-task' });
  });

  it('should record the confirmation with its reference, who decided and the reclassification among the actions when confirmed', async () => {
    const { service, repo } = setup();
    await service.decide(
      't1',
      { decision: 'confirm-misclassification', actionsTaken: ['victim-contact-and-isac-referral'], reclassificationRef: 'RC-1' },
      'officer-1',
    );
    expect(repo.decide).toHaveBeenCalledWith('t1', {
      decision: 'confirm-misclassification',
      actionsTaken: ['victim-contact-and-isac-referral', 'reclassification-submission'],
      reclassificationRef: 'RC-1',
      reason: 'reclassification submitted',
      decidedBy: 'officer-1',
    });
  });

  it('should record actions taken on any hit when the reviewer records them', async () => {
    const { service, repo } = setup('screening-review');
    await service.decide(
      't1',
      { decision: 'actions-recorded', actionsTaken: ['no-further-action'], reason: 'Already known to the team.' },
      'officer-2',
    );
    expect(repo.decide).toHaveBeenCalledWith(
      't1',
      expect.objectContaining({ decision: 'actions-recorded', actionsTaken: ['no-further-action'], reason: 'Already known to the team.' }),
    );
  });

  it('should hand the suspect to the journey as confirmed stalking when a confirmed hit is marked a possible EASI candidate', async () => {
    const { service, journeys } = setup();
    const result = await service.decide(
      't1',
      { decision: 'confirm-misclassification', actionsTaken: ['possible-easi-candidate'], reclassificationRef: 'RC-1' },
      'officer-1',
    );
    expect(journeys.handOver).toHaveBeenCalledWith(expect.objectContaining({ taskId: 't1' }), true);
    expect(result.journeys).toEqual([{ journeyRef: 'jr-1', workflowId: 'journey-jr-1' }]);
  });

  it('should not reach any journey when the reviewer does not mark a possible EASI candidate', async () => {
    const { service, journeys } = setup();
    const result = await service.decide(
      't1',
      { decision: 'reject-misclassification', actionsTaken: [], reason: 'Neighbour dispute.' },
      'officer-1',
    );
    expect(journeys.handOver).not.toHaveBeenCalled();
    expect(result.journeys).toEqual([]);
  });

  it('should answer not found when the task does not exist', async () => {
    const { service, repo } = setup();
    repo.one.mockResolvedValueOnce(null);
    await expect(service.decide('t9', { decision: 'actions-recorded', actionsTaken: [] }, 'officer-1')).rejects.toMatchObject({
      code: 'task-not-found',
    });
  });
});

describe('ReviewTaskService.one', () => {
  it("should show the report's other flagged versions, without their people, with the task when a newer version joined its review", async () => {
    const { service, repo } = setup();
    const view = await service.one('t1');
    expect(repo.otherVersions).toHaveBeenCalledWith(expect.objectContaining({ id: 'h1', sourceRef: 'CR-1' }));
    expect(view.otherVersions).toEqual([{ id: 'h2', sourceRef: 'CR-1', sourceVersion: 2, taskId: null }]);
  });
});
