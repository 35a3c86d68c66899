import type { NewHit } from './screening-run.repository';

/** The latest reclassification review of a report, from any of its earlier versions. */
export type EarlierReview = {
  sourceRef: string;
  version: number;
  taskId: string;
  status: 'open' | 'completed';
  /** The latest confirm or reject decision, if the reviewer made one. */
  decision: 'confirm-misclassification' | 'reject-misclassification' | null;
  decidedAt: Date | null;
  reclassificationRef: string | null;
};

const onDay = (at: Date): string => at.toISOString().slice(0, 10);
const offence = (family: string): string => family.replace(/-/g, ' ');

/**
 * One reclassification review per report, not per version. A version flagged again while the
 * report's review is open joins that review: it is listed, with a flag naming the open task, and
 * opens no task of its own. A report the team already confirmed as misclassified is not put back
 * to them either: the flag says when and under which submission, and the follow-up is that
 * submission. A rejected (or otherwise closed) review does not stop a new one: an amended
 * narrative can say what the earlier one did not, so the newer version is reviewed afresh and the
 * flag says what was decided before. Several versions flagged in one batch share one new task, on
 * the newest version.
 */
export const foldIntoEarlierReviews = (hits: readonly NewHit[], earlier: readonly EarlierReview[]): NewHit[] => {
  const byRef = new Map(earlier.map((r) => [r.sourceRef, r]));
  const newestFlagged = new Map<string, number>();
  for (const h of hits) {
    if (h.source === 'crime-report' && h.taskKind === 'reclassification-review')
      newestFlagged.set(h.sourceRef, Math.max(newestFlagged.get(h.sourceRef) ?? 0, h.sourceVersion));
  }
  return hits.map((hit) => {
    if (hit.source !== 'crime-report' || hit.taskKind !== 'reclassification-review') return hit;
    const review = byRef.get(hit.sourceRef);
    if (review && review.version !== hit.sourceVersion) {
      if (review.status === 'open') {
        return {
          ...hit,
          taskKind: null,
          flags: [
            ...hit.flags,
            {
              code: 'earlier-review',
              text: `Version ${review.version} of this report is already waiting for reclassification review (task ${review.taskId}); this version is reviewed with it, not as a second task.`,
            },
          ],
        };
      }
      if (review.decision === 'confirm-misclassification') {
        const when = review.decidedAt ? ` on ${onDay(review.decidedAt)}` : '';
        const ref = review.reclassificationRef ? ` (reclassification submission ${review.reclassificationRef})` : '';
        return {
          ...hit,
          taskKind: null,
          suggestedActions: hit.suggestedActions.filter((a) => a !== 'reclassification-submission'),
          flags: [
            ...hit.flags,
            {
              code: 'earlier-review',
              text: `Version ${review.version} of this report was confirmed as misclassified${when}${ref}, but this version is still recorded as ${offence(hit.recordedFamily)}: follow up that submission rather than review it again.`,
            },
          ],
        };
      }
      const decided =
        review.decision === 'reject-misclassification'
          ? `was reviewed and not confirmed as misclassified${review.decidedAt ? ` on ${onDay(review.decidedAt)}` : ''}`
          : 'was reviewed without a decision on its classification';
      hit = {
        ...hit,
        flags: [
          ...hit.flags,
          {
            code: 'earlier-review',
            text: `Version ${review.version} of this report ${decided} (task ${review.taskId}); this amended version is reviewed afresh.`,
          },
        ],
      };
    }
    const newest = newestFlagged.get(hit.sourceRef)!;
    if (hit.sourceVersion === newest) return hit;
    return {
      ...hit,
      taskKind: null,
      flags: [
        ...hit.flags,
        {
          code: 'earlier-review',
          text: `Version ${newest} of this report was flagged in the same run; both are reviewed in the task opened for version ${newest}.`,
        },
      ],
    };
  });
};
