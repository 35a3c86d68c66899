import { SHORT_JOURNEY_POLICY } from './journey';
import { parseJourneyPolicyHeader } from './journey-policy-header';

describe('parseJourneyPolicyHeader', () => {
  it('should give the short policy when the header says short', () => {
    expect(parseJourneyPolicyHeader('short')).toEqual({ policy: SHORT_JOURNEY_POLICY });
  });

  it('should override named durations and counts when they follow', () => {
    const parsed = parseJourneyPolicyHeader('short; cautionConditionDue=2 s; maxMissedSessions=3');
    expect(parsed).toEqual({ policy: { ...SHORT_JOURNEY_POLICY, cautionConditionDue: '2 s', maxMissedSessions: 3 } });
  });

  it('should name the problem when a setting is unknown or malformed', () => {
    expect(parseJourneyPolicyHeader('long')).toEqual({ error: expect.stringContaining('must start with "short"') });
    expect(parseJourneyPolicyHeader('short; coffeeBreak=5 min')).toEqual({ error: 'unknown policy setting "coffeeBreak=5 min"' });
    expect(parseJourneyPolicyHeader('short; sessionSpacing=soon')).toEqual({
      error: expect.stringContaining('sessionSpacing must be a duration'),
    });
    expect(parseJourneyPolicyHeader('short; maxSessions=0')).toEqual({ error: expect.stringContaining('whole number') });
  });
});
