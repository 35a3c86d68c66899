import { OFFENCE_FAMILIES } from '@easi/contracts';
import { findOffenceFamily, mergeOffenceFamilyOverrides, OFFENCE_FAMILY_SEED, screenedFamilies } from './offence-family-reference';

describe('offence family reference data', () => {
  it('should hold one entry per contract offence family when seeded', () => {
    expect(OFFENCE_FAMILY_SEED.map((entry) => entry.family).sort()).toEqual([...OFFENCE_FAMILIES].sort());
  });

  it('should screen exactly the stalking-related families when using the seed', () => {
    expect(screenedFamilies()).toEqual([
      'stalking',
      'harassment',
      'harassment-fear-of-violence',
      'racially-aggravated-harassment',
      'breach-non-molestation-order',
      'breach-community-resolution',
      'breach-spo',
    ]);
  });

  it('should keep role and screened consistent in every seed entry when read', () => {
    for (const entry of OFFENCE_FAMILY_SEED) expect(entry.role === 'screened').toBe(entry.screened);
  });

  it('should carry legislation and a confidence for every code when seeded', () => {
    expect(findOffenceFamily('stalking')).toMatchObject({
      homeOfficeCodes: ['8Q'],
      codeConfidence: 'known',
      legislation: [{ sections: ['s2A', 's4A'] }],
    });
    expect(findOffenceFamily('breach-spo')?.codeConfidence).toBe('uncertain');
    expect(findOffenceFamily('breach-non-molestation-order')?.legislation[0]).toEqual({ act: 'Family Law Act 1996', sections: ['s42A'] });
  });

  it('should apply overrides without changing the seed when a force configures codes', () => {
    const merged = mergeOffenceFamilyOverrides([{ family: 'breach-spo', homeOfficeCodes: ['X1'], codeConfidence: 'known' }]);
    expect(findOffenceFamily('breach-spo', merged)).toMatchObject({ homeOfficeCodes: ['X1'], codeConfidence: 'known' });
    expect(findOffenceFamily('breach-spo')?.homeOfficeCodes).toEqual([]);
  });

  it('should add a detector-only family to the daily screen when an override sets screened', () => {
    const merged = mergeOffenceFamilyOverrides([{ family: 'malicious-communications', screened: true }]);
    expect(findOffenceFamily('malicious-communications', merged)?.role).toBe('screened');
    expect(screenedFamilies(merged)).toContain('malicious-communications');
  });

  it('should refuse an override when screened and role disagree', () => {
    expect(() => mergeOffenceFamilyOverrides([{ family: 'theft', screened: true, role: 'detector-only' }])).toThrow(/disagree/);
  });
});
