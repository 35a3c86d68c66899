import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { ENCRYPTED_ENCODING, METADATA_ENCRYPTION_KEY_ID } from '../src';
import type { PersonInput } from './person.workflow';
import { containsText, encodingOf, payloadsIn, startEncryptedWorker, testKeys } from './temporal-test-env';

jest.setTimeout(60_000);

const keys = testKeys();
let env: Awaited<ReturnType<typeof startEncryptedWorker>>;
const person = (): PersonInput => ({ name: `Jane Example ${randomUUID().slice(0, 6)}`, address: '1 Sample Street, Dudley' });

beforeAll(async () => {
  env = await startEncryptedWorker(keys);
});

afterAll(async () => {
  await env?.stop();
});

describe('payload encryption on a real Temporal server', () => {
  it('should store only encrypted payloads and no personal data when a workflow runs through the platform client', async () => {
    const input = person();
    const handle = await env.platform.workflow.start('describePersonWorkflow', {
      taskQueue: env.taskQueue,
      workflowId: `pe-${randomUUID()}`,
      args: [input],
    });

    expect(await handle.result()).toEqual({ description: `${input.name} lives at ${input.address}` });

    const history = await env.raw.workflow.getHandle(handle.workflowId).fetchHistory();
    const payloads = payloadsIn(history);
    // input, activity input, activity result, workflow result
    expect(payloads.length).toBeGreaterThanOrEqual(4);
    expect([...new Set(payloads.map(encodingOf))]).toEqual([ENCRYPTED_ENCODING]);
    expect(new Set(payloads.map((p) => Buffer.from(p.metadata?.[METADATA_ENCRYPTION_KEY_ID] ?? new Uint8Array()).toString()))).toEqual(
      new Set([keys[0]?.id]),
    );
    expect(containsText(history, input.name)).toBe(false);
    expect(containsText(history, 'Sample Street')).toBe(false);
  });

  it('should not let a client without the codec read the result when the history is encrypted', async () => {
    const handle = await env.platform.workflow.start('describePersonWorkflow', {
      taskQueue: env.taskQueue,
      workflowId: `pe-${randomUUID()}`,
      args: [person()],
    });
    await handle.result();
    await expect(env.raw.workflow.getHandle(handle.workflowId).result()).rejects.toThrow(ENCRYPTED_ENCODING);
  });

  it('should encrypt the failure message and give it back to the platform client when a workflow fails with personal data', async () => {
    const input = person();
    const handle = await env.platform.workflow.start('refusePersonWorkflow', {
      taskQueue: env.taskQueue,
      workflowId: `pe-${randomUUID()}`,
      args: [input],
    });

    const failure = await handle.result().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as WorkflowFailedError).cause?.message).toBe(`no record for ${input.name}`);

    const history = await env.raw.workflow.getHandle(handle.workflowId).fetchHistory();
    expect(containsText(history, input.name)).toBe(false);
    expect(containsText(history, 'Encoded failure')).toBe(true);
  });

  it('should still read a history written before encryption when its payloads are plain', async () => {
    const input = person();
    // A client without the codec: how every workflow was started before encryption was switched on.
    const handle = await env.raw.workflow.start('describePersonWorkflow', {
      taskQueue: env.taskQueue,
      workflowId: `pe-${randomUUID()}`,
      args: [input],
    });

    expect(await env.platform.workflow.getHandle(handle.workflowId).result()).toEqual({
      description: `${input.name} lives at ${input.address}`,
    });
    const encodings = payloadsIn(await env.raw.workflow.getHandle(handle.workflowId).fetchHistory()).map(encodingOf);
    expect(encodings[0]).toBe('json/plain');
    expect(encodings.slice(1)).toEqual(encodings.slice(1).map(() => ENCRYPTED_ENCODING));
  });
});
