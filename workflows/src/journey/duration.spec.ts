import { toMs } from './duration';

describe('toMs', () => {
  it('should read the policy durations when written in words or short units', () => {
    expect(toMs('14 days')).toBe(14 * 86_400_000);
    expect(toMs('200 ms')).toBe(200);
    expect(toMs('2s')).toBe(2000);
    expect(toMs('16 weeks')).toBe(16 * 604_800_000);
    expect(toMs('1 hour')).toBe(3_600_000);
  });

  it('should throw naming the value when it is not a duration', () => {
    expect(() => toMs('soon')).toThrow('not a duration: "soon"');
    expect(() => toMs('3 fortnights')).toThrow(/fortnights/);
  });
});
