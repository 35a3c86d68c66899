import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { journeyStateQuery, journeyWorkflowId, type JourneyState, type ServiceName } from '@easi/contracts';
import { JourneyDriver } from '@easi/tasks';
import { sampleCustodyEvent, waitFor } from '@easi/testing';
import { http, tokenFor } from './http';
import { Platform } from './platform';

/** Ports of the journey suites, away from the custody slice's 4101-4104 so both can run at once. */
export const JOURNEY_PORTS: Record<ServiceName, number> = { screening: 4201, referral: 4202, intervention: 4203, 'victim-support': 4204 };

type IngestResult = { eventId: string; duplicate: boolean; journeyRef: string | null; workflowId: string | null };

/** The four services and the journey worker, a Temporal client and a driver that plays the people. */
export class JourneyPlatform {
  readonly platform = new Platform(join(__dirname, '..', '..', '.easi', 'logs', 'e2e-journey'), JOURNEY_PORTS);
  readonly driver: JourneyDriver;
  temporal!: Client;

  constructor() {
    const urls = Object.fromEntries(Object.keys(JOURNEY_PORTS).map((name) => [name, this.platform.url(name)])) as Record<ServiceName, string>;
    this.driver = new JourneyDriver(urls, tokenFor);
  }

  async start(): Promise<void> {
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
    this.temporal = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'easi' });
    await this.platform.start('screening', 'referral', 'intervention', 'victim-support', 'journey-worker');
  }

  async stop(): Promise<void> {
    await this.platform.stopAll();
    await this.temporal?.connection.close();
  }

  /** Sends a custody event (short timers) and returns the journey reference. */
  async arrest(overrides: Parameters<typeof sampleCustodyEvent>[0] = {}): Promise<string> {
    const res = await http<IngestResult>('POST', `${this.platform.url('screening')}/custody-events`, {
      token: await this.driver.token('police', 'operator'),
      body: sampleCustodyEvent(overrides),
      headers: { 'x-easi-journey-policy': 'short' },
    });
    if (res.status !== 202 || !res.body.journeyRef) throw new Error(`custody event answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.journeyRef;
  }

  state(journeyRef: string): Promise<JourneyState> {
    return this.temporal.workflow.getHandle(journeyWorkflowId(journeyRef)).query(journeyStateQuery);
  }

  /** Waits for the journey to close and returns its final state (the workflow's result). */
  async closed(journeyRef: string, timeoutMs = 60_000): Promise<JourneyState> {
    const handle = this.temporal.workflow.getHandle(journeyWorkflowId(journeyRef));
    await waitFor('the journey to close', async () => ((await handle.describe()).status.name === 'COMPLETED' ? true : undefined), timeoutMs, 250);
    return (await handle.result()) as JourneyState;
  }
}
