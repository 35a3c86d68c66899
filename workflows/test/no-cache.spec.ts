import { JourneyHarness } from './harness';

jest.setTimeout(90_000);

// Every workflow task replays the whole history: any non-determinism in the code shows up here.
const h = new JourneyHarness();

beforeAll(async () => {
  await h.start({ maxCachedWorkflows: 0 });
});

afterAll(async () => {
  await h.stop();
});

describe('journey with maxCachedWorkflows: 0', () => {
  it('should complete the whole journey when every workflow task is replayed from history', async () => {
    const { journeyRef, handle } = await h.startJourney({ cautionConditionDue: '1 hour' });
    await h.decide(journeyRef, 'isac-contact', { engagement: 'declined' }, 'victim declined');
    await h.toIntervention(journeyRef, {
      disposal: 'conditional-caution',
      conditions: [{ code: 'course', description: 'attend a course' }],
    });
    await h.decide(journeyRef, 'caution-condition', { outcome: 'fulfilled' });
    await h.completeIntervention(journeyRef);
    expect(await handle.result()).toMatchObject({ outcome: 'completed', sessionsAttended: 6 });
  });
});
