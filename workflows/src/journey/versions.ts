/**
 * In-flight change safety: one `patched()` id per released version of the journey workflows. A
 * workflow started before a version keeps the commands its history recorded; one started after
 * takes the new path. Histories of each earlier version live in `workflows/test/histories/v<n>/`.
 *
 * Version 2 (`journeys-v2`), everywhere a change was made:
 *  - journey: one coalesced search-attribute upsert per workflow task, only for values that changed;
 *    victim support started beside the screening task; closure's writes in parallel;
 *  - intervention: sessions booked when the previous one is recorded (outcome refused before the
 *    session's time), the session's record written while the next one waits;
 *  - every task (TaskBook): each accepted decision confirmed to the owning inbox (`confirmDecision`).
 */
export const JOURNEYS_V2 = 'journeys-v2';
