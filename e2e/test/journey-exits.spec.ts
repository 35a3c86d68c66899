import { eligibleFacts } from '@easi/tasks';
import { JourneyPlatform } from '../src';

const p = new JourneyPlatform();
const d = p.driver;

beforeAll(async () => {
  await p.start();
});

afterAll(async () => {
  await p.stop();
});

describe('journey exits, decided through the task APIs', () => {
  it('should close as completed when six sessions are attended and monitoring ends quietly', async () => {
    const journeyRef = await p.arrest();
    await d.toIntervention(journeyRef);
    await d.completeIntervention(journeyRef);
    const state = await p.closed(journeyRef);
    expect(state).toMatchObject({ stage: 'closed', outcome: 'completed', sessionsAttended: 6, disposal: 'spo-requirement', riskLevel: 'medium' });
    expect(state.timeline.map((t) => t.what).join('\n')).toMatch(/Session 6 attended \(6 of 6\)/);
  });

  it('should close as ineligible when the rules find a criterion not met', async () => {
    const journeyRef = await p.arrest();
    await d.decide(journeyRef, 'eligibility-screening', { ...eligibleFacts('standard'), interviewAccount: 'denied' }, 'denied in interview');
    const state = await p.closed(journeyRef);
    expect(state).toMatchObject({ outcome: 'ineligible' });
    expect(state.closureReason).toContain('admits-stalking');
  });
});
