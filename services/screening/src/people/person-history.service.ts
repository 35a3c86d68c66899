import { Injectable } from '@nestjs/common';
import { CrimeReportRepository } from '../crime-reports/crime-report.repository';
import { toVersionView, type CrimeReportVersionView } from '../crime-reports/crime-report.service';
import { CustodyEventService, type CustodyEventView } from '../custody-events/custody-event.service';
import { ScreeningRunRepository, type HitRow } from '../daily-screening/screening-run.repository';
import { ReviewTaskRepository, type ReviewDecisionRow } from '../review-tasks/review-task.repository';

export type PersonScreeningHistory = {
  personRef: string;
  /** Latest version of every report naming the person (suspect or victim), with its links. */
  reports: (CrimeReportVersionView & { role: 'suspect' | 'victim' | 'suspect-and-victim' })[];
  /** Other people who appear with this person: suspects' victims and victims' suspects. */
  associatedPeople: string[];
  custodyEvents: CustodyEventView[];
  hits: (HitRow & { decisions: ReviewDecisionRow[] })[];
};

const MAX_ROWS = 500;

/** A person's whole screening history in one answer. */
@Injectable()
export class PersonHistoryService {
  constructor(
    private readonly reports: CrimeReportRepository,
    private readonly custody: CustodyEventService,
    private readonly runs: ScreeningRunRepository,
    private readonly reviews: ReviewTaskRepository,
  ) {}

  async history(personRef: string): Promise<PersonScreeningHistory> {
    const [rows, custodyEvents, hits] = await Promise.all([
      this.reports.latestByPerson(personRef, MAX_ROWS),
      this.custody.findByPerson(personRef),
      this.runs.hitsOfPerson(personRef, MAX_ROWS),
    ]);
    const decisions = await this.reviews.decisionsForTasks(hits.flatMap((h) => (h.taskId ? [h.taskId] : [])));
    const associated = new Set<string>();
    const reports = rows.map((row) => {
      const suspects = row.suspects.map((s) => s.personRef);
      const isSuspect = suspects.includes(personRef);
      const isVictim = row.victimRefs.includes(personRef);
      if (isSuspect) row.victimRefs.forEach((v) => associated.add(v));
      if (isVictim) suspects.forEach((s) => associated.add(s));
      const role: 'suspect' | 'victim' | 'suspect-and-victim' =
        isSuspect && isVictim ? 'suspect-and-victim' : isSuspect ? 'suspect' : 'victim';
      return { ...toVersionView(row), role };
    });
    associated.delete(personRef);
    return {
      personRef,
      reports,
      associatedPeople: [...associated].sort(),
      custodyEvents,
      hits: hits.map((h) => ({ ...h, decisions: decisions.filter((d) => d.taskId === h.taskId) })),
    };
  }
}
