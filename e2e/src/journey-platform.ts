import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { JOURNEY_POLICY_HEADER, journeyStateQuery, journeyWorkflowId, type JourneyState, type ServiceName } from '@easi/contracts';
import { JourneyDriver, sampleCustodyEvent, waitFor } from '@easi/testing';
import { http, tokenFor } from './http';
import { Platform } from './platform';
import { platformTemporalClient } from './temporal';

/** EASI_E2E_PORT_BASE (default 4100) moves every suite's ports by the same amount, so two people's runs on one machine do not collide. */
const portShift = (): number => Number(process.env.EASI_E2E_PORT_BASE ?? 4100) - 4100;

/** Ports for one journey suite from a base (4200, 4300, ...), away from the custody slice's 4101-4104: Jest runs suite files side by side. */
export const journeyPorts = (base: number): Record<ServiceName, number> => {
  const b = base + portShift();
  return { screening: b + 1, referral: b + 2, intervention: b + 3, 'victim-support': b + 4 };
};

type IngestResult = { eventId: string; duplicate: boolean; journeyRef: string | null; workflowId: string | null };

/** The four services and the journey worker, a Temporal client and a driver that plays the people. */
export class JourneyPlatform {
  readonly platform: Platform;
  readonly driver: JourneyDriver;
  temporal!: Client;

  constructor(basePort: number) {
    const ports = journeyPorts(basePort);
    this.platform = new Platform(join(__dirname, '..', '..', '.easi', 'logs', `e2e-journey-${basePort}`), ports);
    const urls = Object.fromEntries(Object.keys(ports).map((name) => [name, this.platform.url(name)])) as Record<ServiceName, string>;
    this.driver = new JourneyDriver(urls, tokenFor);
  }

  url(service: ServiceName, path: string): string {
    return `${this.platform.url(service)}${path}`;
  }

  async start(): Promise<void> {
    this.temporal = await platformTemporalClient();
    await this.platform.start('screening', 'referral', 'intervention', 'victim-support', 'journey-worker');
  }

  async stop(): Promise<void> {
    await this.platform.stopAll();
    await this.temporal?.connection.close();
  }

  /** Sends a custody event with short timers (`policy` adds overrides, e.g. "cautionConditionDue=2 s") and returns the journey reference. */
  async arrest(overrides: Parameters<typeof sampleCustodyEvent>[0] = {}, policy = ''): Promise<string> {
    const event = sampleCustodyEvent(overrides);
    const res = await http<IngestResult>('POST', `${this.platform.url('screening')}/custody-events`, {
      token: await this.driver.token('police', 'operator'),
      body: event,
      headers: { [JOURNEY_POLICY_HEADER]: `short${policy ? `; ${policy}` : ''}` },
    });
    if (res.status !== 202 || !res.body.journeyRef) throw new Error(`custody event answered ${res.status}: ${JSON.stringify(res.body)}`);
    // The driver files the person's DASH and names them on the eligibility form.
    this.driver.screens(res.body.journeyRef, event.suspect.personRef);
    return res.body.journeyRef;
  }

  state(journeyRef: string): Promise<JourneyState> {
    return this.temporal.workflow.getHandle(journeyWorkflowId(journeyRef)).query(journeyStateQuery);
  }

  /** Polls the journey's state until `test` holds. */
  until(journeyRef: string, what: string, test: (s: JourneyState) => boolean, timeoutMs = 30_000): Promise<JourneyState> {
    return waitFor(
      what,
      async () => {
        const s = await this.state(journeyRef);
        return test(s) ? s : undefined;
      },
      timeoutMs,
      200,
    );
  }

  /** Waits for the journey to close and returns its final state (the workflow's result). */
  async closed(journeyRef: string, timeoutMs = 60_000): Promise<JourneyState> {
    const handle = this.temporal.workflow.getHandle(journeyWorkflowId(journeyRef));
    await waitFor(
      'the journey to close',
      async () => ((await handle.describe()).status.name === 'COMPLETED' ? true : undefined),
      timeoutMs,
      250,
    );
    return (await handle.result()) as JourneyState;
  }
}
