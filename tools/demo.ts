/**
 * `npm run demo` (with `npm start` running): one journey from arrest to closure in about a minute.
 * Sends a custody event with short timers, then plays each person's decision through the services'
 * task APIs, printing the case history as it grows. Watch it in the Temporal UI meanwhile.
 */
import { mintDevToken } from '@easi/auth';
import { JOURNEY_POLICY_HEADER, TASK_OWNERS, journeyWorkflowId, type JourneyState, type ServiceName, type TaskKind } from '@easi/contracts';
import { APPS, JourneyDriver, appPort, sampleCustodyEvent } from '@easi/testing';

const PAUSE_MS = Number(process.env.EASI_DEMO_PAUSE_MS ?? 1500);
const UI = process.env.EASI_TEMPORAL_UI ?? 'http://127.0.0.1:8233';

const urls = Object.fromEntries(APPS.filter((a) => a.port !== undefined).map((a) => [a.name, `http://127.0.0.1:${appPort(a)}`])) as Record<
  ServiceName,
  string
>;
const driver = new JourneyDriver(urls, (agency, role) => mintDevToken({ agency, roles: [role], expiresIn: '1h' }));
const pause = (ms = PAUSE_MS): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const journeyState = async (journeyRef: string): Promise<JourneyState> => {
  const res = await fetch(`${urls.referral}/journeys/${journeyRef}`, {
    headers: { authorization: `Bearer ${await driver.token('police', 'investigator')}` },
  });
  if (!res.ok) throw new Error(`GET /journeys/${journeyRef} answered ${res.status}`);
  return (await res.json()) as JourneyState;
};

let printed = 0;
const printTimeline = async (journeyRef: string): Promise<JourneyState> => {
  const state = await journeyState(journeyRef);
  for (const entry of state.timeline.slice(printed)) say(`     ${entry.at.slice(11, 19)}  [${entry.stage}]  ${entry.what}  — ${entry.by}`);
  printed = state.timeline.length;
  return state;
};

const step = async (journeyRef: string, who: string, kind: TaskKind, decision: Record<string, unknown>, reason: string): Promise<void> => {
  say(`\n▶ ${who} completes a "${kind}" task in the ${TASK_OWNERS[kind]} service's inbox: ${reason}`);
  await driver.decide(journeyRef, kind, decision, reason);
  await pause(300);
  await printTimeline(journeyRef);
  await pause();
};

const main = async (): Promise<void> => {
  for (const [name, url] of Object.entries(urls)) {
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (!ok) throw new Error(`${name} is not answering at ${url}/health: run \`npm start\` in another terminal first`);
  }
  say('EASI demo: one perpetrator journey from arrest to closure, with short timers.\n');
  const event = sampleCustodyEvent();
  const res = await fetch(`${urls.screening}/custody-events`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await driver.token('police', 'operator')}`,
      'content-type': 'application/json',
      [JOURNEY_POLICY_HEADER]: 'short; sessionSpacing=1 s; monitoringPeriod=8 s',
    },
    body: JSON.stringify(event),
  });
  const body = (await res.json()) as { journeyRef?: string };
  if (res.status !== 202 || !body.journeyRef) throw new Error(`custody event answered ${res.status}: ${JSON.stringify(body)}`);
  const journeyRef = body.journeyRef;
  say(`▶ Custody system: ${event.suspect.personRef} arrested for stalking a former partner (custody event ${event.eventId}).`);
  say(`  Journey ${journeyWorkflowId(journeyRef)} started. Watch it: ${UI}/namespaces/easi/workflows/${journeyWorkflowId(journeyRef)}`);
  say(`  Operators' list: temporal workflow list --namespace easi --query "EasiStage='intervention'"`);
  await pause(2000);
  await printTimeline(journeyRef);

  await step(
    journeyRef,
    'The ISAC (victim service)',
    'isac-contact',
    { engagement: 'engaged', newRisk: false },
    'victim contacted; safety plan agreed',
  );
  driver.screens(journeyRef, event.suspect.personRef);
  const dash = await driver.assessRisk(journeyRef, 'medium');
  say(
    `\n▶ An EASI investigator files a complete DASH for ${event.suspect.personRef} (27 answers, professional judgement medium): assessment ${dash.assessmentId}.`,
  );
  await step(
    journeyRef,
    'An EASI investigator',
    'eligibility-screening',
    driver.facts(journeyRef),
    'facts from custody and interview; risk level from the DASH on record',
  );
  await step(
    journeyRef,
    'The triage clinic',
    'triage-decision',
    { outcome: 'refer-to-easi', actions: ['victim-contact'] },
    'rejected ex-partner; suitable for EASI',
  );
  await step(
    journeyRef,
    'An EASI investigator',
    'disposal-decision',
    { disposal: 'conditional-caution', conditions: [{ code: 'no-contact', description: 'no contact with the victim' }] },
    'conditional caution agreed',
  );
  await step(
    journeyRef,
    'An EASI investigator',
    'consent-contract',
    { consent: 'signed', contractVersion: '1' },
    'contract and information-sharing signed',
  );
  await step(
    journeyRef,
    'An EASI investigator',
    'caution-condition',
    { outcome: 'fulfilled', evidence: 'no contact reported by the ISAC' },
    'condition kept',
  );
  await step(
    journeyRef,
    'The psychologist',
    'psychometrics-pre',
    { instruments: ['AAQ-II', 'CFQ-7', 'CompACT'] },
    'baseline psychometrics',
  );
  for (let n = 1; n <= 6; n += 1) {
    await step(
      journeyRef,
      'The psychologist',
      'session-outcome',
      { sessionNumber: n, outcome: 'attended' },
      `fACT session ${n} held by video`,
    );
  }
  await step(
    journeyRef,
    'The psychologist',
    'psychometrics-post',
    { instruments: ['AAQ-II', 'CFQ-7', 'CompACT'] },
    'post-treatment psychometrics',
  );
  say('\n▶ Follow-up monitoring: police events about the participant are watched (8 seconds here; months in real life)…');
  let state = await printTimeline(journeyRef);
  while (state.stage !== 'closed') {
    await pause(1000);
    state = await printTimeline(journeyRef);
  }
  say(`\n✔ Journey closed — outcome: ${state.outcome}. ${state.closureReason}`);
  say(`  Victim support carries on: the ISAC's satisfaction questionnaire is now in the victim service's inbox.`);
  say(`  Full history: ${UI}/namespaces/easi/workflows/${journeyWorkflowId(journeyRef)}`);
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
