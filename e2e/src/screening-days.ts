import { http } from './http';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Weeks handed out in this process, so two tests never share a neighbourhood either. */
const weeksTaken = new Set<number>();

export const dayString = (d: Date, plus = 0): string => new Date(d.getTime() + plus * DAY_MS).toISOString().slice(0, 10);

/**
 * A Monday for a test's screening days: a random past week from 2000 (the API's earliest day) to
 * 2019, clear of real days and of the bench's 1970s–80s; outside the clock-change months, so 07:00
 * London is a fixed offset; and with no screening run within two weeks either side, in this run
 * or an earlier one on the same database. The catch-up plans from the last completed day, so a
 * neighbouring run left by another test would change what a test's run plans.
 */
export const freeScreeningMonday = async (screening: (path: string) => string, token: string): Promise<Date> => {
  for (;;) {
    const monday = new Date(Date.UTC(2000, 0, 3) + Math.floor(Math.random() * 1000) * WEEK_MS);
    if ([3, 10].includes(monday.getUTCMonth() + 1)) continue;
    if ([-2, -1, 0, 1, 2].some((w) => weeksTaken.has(monday.getTime() + w * WEEK_MS))) continue;
    const days = Array.from({ length: 29 }, (_, i) => dayString(monday, i - 14));
    const statuses = await Promise.all(days.map(async (day) => (await http('GET', screening(`/screening/runs/${day}`), { token })).status));
    if (statuses.some((status) => status !== 404)) continue;
    weeksTaken.add(monday.getTime());
    return monday;
  }
};
