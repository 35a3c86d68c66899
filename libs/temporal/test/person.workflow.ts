import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';

export type PersonInput = { name: string; address: string };
export type PersonActivities = { describePerson(input: PersonInput): Promise<string> };

const { describePerson } = proxyActivities<PersonActivities>({ startToCloseTimeout: '10 seconds', retry: { maximumAttempts: 1 } });

/** Carries personal data through an argument, an activity and the result. */
export async function describePersonWorkflow(input: PersonInput): Promise<{ description: string }> {
  return { description: await describePerson(input) };
}

/** Fails with personal data in the message. */
export async function refusePersonWorkflow(input: PersonInput): Promise<void> {
  throw ApplicationFailure.create({ nonRetryable: true, type: 'NoRecord', message: `no record for ${input.name}` });
}
