import { foldIntoEarlierReviews, type EarlierReview } from './earlier-reviews';
import type { NewHit } from './screening-run.repository';

const hit = (version: number, overrides: Partial<NewHit> = {}): NewHit => ({
  day: '2026-11-26',
  source: 'crime-report',
  sourceRef: 'CR-1',
  sourceVersion: version,
  policeArea: 'WMP',
  recordedFamily: 'malicious-communications',
  relationship: 'former-partner',
  suspectRefs: ['S-1'],
  victimRefs: ['V-1'],
  linkedReportRefs: [],
  flags: [{ code: 'possible-misclassification', text: 'Reads as stalking.' }],
  misclassificationConfidence: 0.9,
  suggestedActions: ['record-on-list', 'reclassification-submission'],
  taskKind: 'reclassification-review',
  ...overrides,
});

const review = (overrides: Partial<EarlierReview> = {}): EarlierReview => ({
  sourceRef: 'CR-1',
  version: 1,
  taskId: 'task-1',
  status: 'open',
  decision: null,
  decidedAt: null,
  reclassificationRef: null,
  ...overrides,
});

describe('foldIntoEarlierReviews', () => {
  it("should open no second task and name the open one when an amended version is flagged while the report's review is open", () => {
    const [folded] = foldIntoEarlierReviews([hit(2)], [review()]);
    expect(folded!.taskKind).toBeNull();
    expect(folded!.flags.at(-1)).toEqual({
      code: 'earlier-review',
      text: 'Version 1 of this report is already waiting for reclassification review (task task-1); this version is reviewed with it, not as a second task.',
    });
  });

  it('should open no task and point to the submission when the report was already confirmed as misclassified', () => {
    const [folded] = foldIntoEarlierReviews(
      [hit(2)],
      [
        review({
          status: 'completed',
          decision: 'confirm-misclassification',
          decidedAt: new Date('2026-11-20T10:00:00Z'),
          reclassificationRef: 'RC-7',
        }),
      ],
    );
    expect(folded!.taskKind).toBeNull();
    expect(folded!.suggestedActions).toEqual(['record-on-list']);
    expect(folded!.flags.at(-1)?.text).toBe(
      'Version 1 of this report was confirmed as misclassified on 2026-11-20 (reclassification submission RC-7), but this version is still recorded as malicious communications: follow up that submission rather than review it again.',
    );
  });

  it('should open a new task and say what was decided before when the earlier review was rejected', () => {
    const [folded] = foldIntoEarlierReviews(
      [hit(2)],
      [review({ status: 'completed', decision: 'reject-misclassification', decidedAt: new Date('2026-11-20T10:00:00Z') })],
    );
    expect(folded!.taskKind).toBe('reclassification-review');
    expect(folded!.flags.at(-1)?.text).toBe(
      'Version 1 of this report was reviewed and not confirmed as misclassified on 2026-11-20 (task task-1); this amended version is reviewed afresh.',
    );
  });

  it('should open one task on the newest version when two versions of a report are flagged in one batch', () => {
    const folded = foldIntoEarlierReviews([hit(1), hit(2), hit(1, { sourceRef: 'CR-2' })], []);
    expect(folded.map((h) => h.taskKind)).toEqual([null, 'reclassification-review', 'reclassification-review']);
    expect(folded[0]!.flags.at(-1)?.text).toBe(
      'Version 2 of this report was flagged in the same run; both are reviewed in the task opened for version 2.',
    );
  });

  it('should leave hits alone when they are not reclassification reviews or are the reviewed version itself', () => {
    const screened = hit(2, { taskKind: 'screening-review', misclassificationConfidence: null });
    const same = hit(1);
    expect(foldIntoEarlierReviews([screened, same], [review()])).toEqual([screened, same]);
  });
});
