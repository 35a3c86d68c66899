import type { OffenceFamily, Relationship } from '@easi/contracts';
import { detectMisclassifiedStalking } from './detect-misclassified-stalking';
import type { DetectorResult } from './detector-types';

const detect = (
  narrative: string,
  facts: { recordedOffence?: OffenceFamily; relationship?: Relationship; linkedReports?: number } = {},
): DetectorResult =>
  detectMisclassifiedStalking({
    recordedOffence: facts.recordedOffence ?? 'harassment',
    relationship: facts.relationship ?? 'unknown',
    linkedReports: facts.linkedReports ?? 0,
    narrative,
  });

const rules = (result: DetectorResult): string[] => result.explanations.map((e) => e.rule);
const rule = (result: DetectorResult, name: string) => result.explanations.find((e) => e.rule === name);

describe('detectMisclassifiedStalking', () => {
  it('should not look further when the report is already recorded as stalking', () => {
    const result = detect('He followed her every day.', { recordedOffence: 'stalking' });
    expect(result).toMatchObject({ flagged: false, confidence: 0 });
    expect(rules(result)).toEqual(['already-recorded-as-stalking']);
  });

  describe('recording rule for former partners', () => {
    it('should flag a course of conduct by a former partner when linked reports show it', () => {
      const result = detect('The suspect messaged the victim asking to meet. She has told him to stop.', {
        relationship: 'former-partner',
        linkedReports: 2,
      });
      expect(result.flagged).toBe(true);
      expect(rule(result, 'recording-rule-former-partner')).toMatchObject({ linkedReports: 2 });
      expect(rule(result, 'course-of-conduct')).toMatchObject({ linkedReports: 2, matched: [] });
    });

    it('should not apply the recording rule when the relationship is not a former partner', () => {
      const result = detect('The suspect messaged the victim asking to meet. She has told him to stop.', {
        relationship: 'acquaintance',
        linkedReports: 2,
      });
      expect(rules(result)).not.toContain('recording-rule-former-partner');
      expect(result.confidence).toBeLessThan(
        detect('The suspect messaged the victim asking to meet. She has told him to stop.', {
          relationship: 'former-partner',
          linkedReports: 2,
        }).confidence,
      );
    });

    it('should not flag a single incident between former partners when nothing shows a course of conduct', () => {
      const result = detect('During an argument when collecting his belongings he pushed her. No previous incidents reported.', {
        recordedOffence: 'common-assault',
        relationship: 'former-partner',
      });
      expect(result.flagged).toBe(false);
      expect(rules(result)).toEqual(expect.arrayContaining(['one-off-event', 'no-course-of-conduct']));
    });
  });

  describe('course of conduct and the acts associated with stalking', () => {
    it('should flag when a stranger loiters and follows on several occasions', () => {
      const result = detect('An unknown man has waited outside her work on several evenings and followed her to the station.', {
        relationship: 'stranger',
        recordedOffence: 'public-order',
      });
      expect(result.flagged).toBe(true);
      expect(rule(result, 'act-loitering')?.matched).toEqual(['waited outside her work']);
      expect(rule(result, 'act-following')?.matched).toEqual(['followed her']);
      expect(rule(result, 'four-repeated')?.matched).toEqual(['on several evenings']);
    });

    it('should read monitoring when a tracker is found and the suspect knows where she has been', () => {
      const result = detect('A tracker was found under her car. He again texted her the name of the pub she had been in.', {
        relationship: 'colleague',
      });
      expect(result.flagged).toBe(true);
      expect(rule(result, 'act-monitoring')?.matched).toContain('tracker');
    });

    it('should count fake accounts as contact by any means when the victim has blocked the suspect', () => {
      const result = detect('After she blocked him he created fake accounts to message her, more than twenty so far.', {
        relationship: 'acquaintance',
        recordedOffence: 'malicious-communications',
      });
      expect(result.flagged).toBe(true);
      expect(rules(result)).toEqual(expect.arrayContaining(['act-contact', 'four-unwanted']));
    });

    it('should read fixation when the suspect will not accept the relationship has ended', () => {
      const result = detect('He cannot accept the relationship is over and keeps turning up at her mother’s house.', {
        relationship: 'former-partner',
      });
      expect(rule(result, 'four-fixated')?.matched).toEqual(['cannot accept the relationship']);
      expect(result.flagged).toBe(true);
    });

    it('should cap the score when there is no course of conduct', () => {
      const result = detect('He followed her home from the bus stop and stood outside her house.', {
        relationship: 'stranger',
        recordedOffence: 'public-order',
      });
      expect(result.flagged).toBe(false);
      expect(result.confidence).toBeLessThanOrEqual(0.45);
      expect(rules(result)).toContain('no-course-of-conduct');
    });
  });

  describe('negations and one-off events', () => {
    it('should not count an act when the account says it did not happen', () => {
      const result = detect('S did not follow her home; there has been no further contact.', { relationship: 'former-partner' });
      expect(result.flagged).toBe(false);
      expect(rule(result, 'negation')?.matched[0]).toMatch(/not … follow her/);
      expect(rules(result)).not.toContain('act-following');
    });

    it('should weigh against a flag when the account is corrected to someone else', () => {
      const result = detect('V thought her ex had been following her again. She now accepts it was a similar car driven by someone else.', {
        relationship: 'former-partner',
      });
      expect(result.flagged).toBe(false);
      expect(result.explanations.find((e) => e.rule === 'negation' && e.weight < 0)?.matched).toEqual(
        expect.arrayContaining(['someone else']),
      );
    });

    it('should keep persistence when a negation is about stopping ("will not stop")', () => {
      const result = detect('He will not stop messaging her and keeps waiting outside her flat.', { relationship: 'acquaintance' });
      expect(rules(result)).toContain('act-contact');
      expect(result.flagged).toBe(true);
    });

    it('should report a single message as one-off when there is nothing else', () => {
      const result = detect('He sent one text calling her names. He has not contacted her since.', {
        relationship: 'former-partner',
        recordedOffence: 'malicious-communications',
      });
      expect(result.flagged).toBe(false);
      expect(rule(result, 'one-off-event')?.weight).toBeLessThan(0);
    });
  });

  describe('keyword bait', () => {
    it('should not flag when a car is followed after a road-rage incident', () => {
      const result = detect('After being cut up at the roundabout the driver followed the car for a mile and sounded his horn.', {
        relationship: 'stranger',
        recordedOffence: 'public-order',
      });
      expect(result.flagged).toBe(false);
      expect(rule(result, 'context-road-rage')?.weight).toBeLessThan(0);
    });

    it('should not flag when neighbours dispute noise and parking, even with earlier reports', () => {
      const result = detect('Ongoing dispute about loud music and parking. The neighbour shouted over the fence again.', {
        relationship: 'neighbour',
        linkedReports: 3,
      });
      expect(result.flagged).toBe(false);
      expect(rules(result)).toContain('context-neighbour-dispute');
    });

    it('should not flag when a former partner sends polite messages about child handovers', () => {
      const result = detect('He messages her each week about the children’s handover. The messages are polite.', {
        relationship: 'former-partner',
        linkedReports: 1,
      });
      expect(result.flagged).toBe(false);
      expect(rules(result)).not.toContain('act-contact');
    });

    it('should not flag when the messages chase a debt', () => {
      const result = detect('He keeps texting her asking when she will repay the £300 loan.', {
        relationship: 'acquaintance',
        linkedReports: 1,
      });
      expect(result.flagged).toBe(false);
      expect(rules(result)).toContain('context-debt');
    });

    it('should not flag when security staff follow a shoplifter', () => {
      const result = detect('Security followed him out of the store after he left without paying.', {
        relationship: 'stranger',
        recordedOffence: 'theft',
      });
      expect(result.flagged).toBe(false);
    });

    it('should still flag when child contact is used to keep contacting a victim who said no', () => {
      const result = detect('He messages her every day about the children and begs her to take him back. She has asked him to stop.', {
        relationship: 'former-partner',
      });
      expect(result.flagged).toBe(true);
    });
  });

  describe('result shape and options', () => {
    it('should give every explanation plain words, quoted matches and a weight when flagging', () => {
      const result = detect('Since the split he has been sitting outside her house most nights.', { relationship: 'former-partner' });
      expect(result.confidence).toBeGreaterThanOrEqual(0);
      expect(result.confidence).toBeLessThanOrEqual(1);
      for (const explanation of result.explanations) {
        expect(explanation.text.length).toBeGreaterThan(10);
        expect(Array.isArray(explanation.matched)).toBe(true);
        expect(typeof explanation.weight).toBe('number');
      }
      const weights = result.explanations.map((e) => Math.abs(e.weight));
      expect(weights).toEqual([...weights].sort((a, b) => b - a));
    });

    it('should not flag when the threshold is raised above the confidence', () => {
      const input = {
        recordedOffence: 'harassment' as const,
        relationship: 'former-partner' as const,
        linkedReports: 1,
        narrative: 'He keeps sending her messages.',
      };
      expect(detectMisclassifiedStalking(input).flagged).toBe(true);
      expect(detectMisclassifiedStalking(input, { threshold: 1.01 }).flagged).toBe(false);
    });

    it('should use configured weights when given', () => {
      const input = {
        recordedOffence: 'harassment' as const,
        relationship: 'former-partner' as const,
        linkedReports: 1,
        narrative: 'He keeps sending her messages.',
      };
      const result = detectMisclassifiedStalking(input, { weights: { recordingRule: 0 } });
      expect(rule(result, 'recording-rule-former-partner')?.weight).toBe(0);
    });
  });
});
