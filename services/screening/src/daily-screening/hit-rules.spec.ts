import { screenCustodyRecord, screenReport, type FamilyInfo, type ReportForScreening } from './hit-rules';

const families = new Map<string, FamilyInfo>([
  [
    'stalking',
    {
      family: 'stalking',
      label: 'Stalking',
      screened: true,
      courseOfConduct: true,
      orderBreach: false,
      legislation: 'Protection from Harassment Act 1997 s2A, s4A',
      homeOfficeCodes: ['8Q'],
    },
  ],
  [
    'harassment',
    {
      family: 'harassment',
      label: 'Harassment',
      screened: true,
      courseOfConduct: true,
      orderBreach: false,
      legislation: 'Protection from Harassment Act 1997 s2',
      homeOfficeCodes: ['8L'],
    },
  ],
  [
    'breach-non-molestation-order',
    {
      family: 'breach-non-molestation-order',
      label: 'Breach of a non-molestation order',
      screened: true,
      courseOfConduct: true,
      orderBreach: true,
      legislation: 'Family Law Act 1996 s42A',
      homeOfficeCodes: [],
    },
  ],
  [
    'theft',
    {
      family: 'theft',
      label: 'Theft',
      screened: false,
      courseOfConduct: false,
      orderBreach: false,
      legislation: 'Theft Act 1968 s1',
      homeOfficeCodes: [],
    },
  ],
  [
    'malicious-communications',
    {
      family: 'malicious-communications',
      label: 'Malicious communications',
      screened: false,
      courseOfConduct: false,
      orderBreach: false,
      legislation: '',
      homeOfficeCodes: ['8L'],
    },
  ],
]);

const report = (overrides: Partial<ReportForScreening> = {}): ReportForScreening => ({
  reportRef: 'CR-1',
  version: 1,
  changeType: 'recorded',
  recordedFamily: 'theft',
  relationship: 'stranger',
  narrative: 'Two bottles of wine were taken from a shop.',
  victimRefs: [],
  samePairReports: [],
  sourceLinkedReports: [],
  sameSuspectOtherVictimReports: [],
  otherVictims: 0,
  ...overrides,
});

describe('screenReport', () => {
  it('should not list a report when its family is not screened and the detector finds no stalking', () => {
    expect(screenReport(report(), families.get('theft'))).toBeNull();
  });

  it('should list a screened offence with its family, legislation and Home Office code when recorded as stalking', () => {
    const hit = screenReport(
      report({ recordedFamily: 'stalking', relationship: 'former-partner', victimRefs: ['V-1'] }),
      families.get('stalking'),
    );
    expect(hit?.flags[0]).toEqual({
      code: 'screened-offence',
      text: expect.stringContaining('Stalking (Protection from Harassment Act 1997 s2A, s4A, Home Office code 8Q)'),
    });
    expect(hit?.misclassificationConfidence).toBeNull();
    expect(hit?.suggestedActions).toEqual([
      'record-on-list',
      'refer-to-triage-clinic',
      'victim-contact-and-isac-referral',
      'possible-easi-candidate',
    ]);
  });

  it('should flag a possible misclassification with explanations and suggest a reclassification submission when a detector family reads as stalking', () => {
    const hit = screenReport(
      report({
        recordedFamily: 'malicious-communications',
        relationship: 'former-partner',
        victimRefs: ['V-1'],
        narrative:
          'Since she ended the relationship he sends over 50 messages a day, turns up at her work again and she found a tracker under her car.',
        samePairReports: ['CR-0'],
      }),
      families.get('malicious-communications'),
    );
    const flag = hit?.flags.find((f) => f.code === 'possible-misclassification');
    expect(flag?.explanations?.some((e) => e.rule === 'act-monitoring' && e.matched.length > 0)).toBe(true);
    expect(hit?.misclassificationConfidence).toBeGreaterThan(0.5);
    expect(hit?.suggestedActions).toEqual(
      expect.arrayContaining([
        'reclassification-submission',
        'link-to-other-reports',
        'consider-interim-or-full-spo',
        'possible-easi-candidate',
      ]),
    );
    expect(hit?.linkedReportRefs).toEqual(['CR-0']);
  });

  it('should never run the misclassification check when the report is already recorded as stalking', () => {
    const hit = screenReport(
      report({ recordedFamily: 'stalking', narrative: 'He put a tracker on her car and follows her every day.' }),
      families.get('stalking'),
    );
    expect(hit?.flags.map((f) => f.code)).toEqual(['screened-offence']);
  });

  it('should link the same suspect across other victims and suggest the triage clinic when the suspect has other victims', () => {
    const hit = screenReport(
      report({ recordedFamily: 'harassment', sameSuspectOtherVictimReports: ['CR-7', 'CR-8'], otherVictims: 2 }),
      families.get('harassment'),
    );
    expect(hit?.flags.find((f) => f.code === 'suspect-other-victims')).toEqual({
      code: 'suspect-other-victims',
      text: 'The suspect is also named in 2 reports about 2 other victims.',
      linkedReportRefs: ['CR-7', 'CR-8'],
    });
    expect(hit?.suggestedActions).toEqual(expect.arrayContaining(['link-to-other-reports', 'refer-to-triage-clinic']));
  });

  it('should say which version it is when an amended report is screened', () => {
    const hit = screenReport(report({ recordedFamily: 'harassment', version: 3, changeType: 'amended' }), families.get('harassment'));
    expect(hit?.flags.find((f) => f.code === 'amended-version')?.text).toBe(
      'Version 3 of this report (amended); earlier versions are kept.',
    );
  });

  it('should suggest considering an SPO when a non-molestation order is breached', () => {
    const hit = screenReport(
      report({ recordedFamily: 'breach-non-molestation-order', victimRefs: ['V-1'] }),
      families.get('breach-non-molestation-order'),
    );
    expect(hit?.suggestedActions).toEqual(expect.arrayContaining(['consider-interim-or-full-spo', 'victim-contact-and-isac-referral']));
  });

  it("should suggest what the family's configuration says when a supervisor has marked a family as a course of conduct and an order breach", () => {
    const configured: FamilyInfo = {
      ...families.get('malicious-communications')!,
      screened: true,
      courseOfConduct: true,
      orderBreach: true,
    };
    const hit = screenReport(
      report({
        recordedFamily: 'malicious-communications',
        relationship: 'stranger',
        victimRefs: ['V-1'],
        narrative: 'One abusive email.',
      }),
      configured,
    );
    expect(hit?.suggestedActions).toEqual(expect.arrayContaining(['victim-contact-and-isac-referral', 'consider-interim-or-full-spo']));
    const plain = screenReport(
      report({
        recordedFamily: 'malicious-communications',
        relationship: 'stranger',
        victimRefs: ['V-1'],
        narrative: 'One abusive email.',
      }),
      { ...configured, courseOfConduct: false, orderBreach: false },
    );
    expect(plain?.suggestedActions).toEqual(['record-on-list', 'no-further-action']);
  });
});

describe("screenReport with the crime system's own links", () => {
  const borderline = {
    recordedFamily: 'malicious-communications' as const,
    relationship: 'former-partner' as const,
    victimRefs: ['V-1'],
    narrative: 'The suspect messaged the victim asking to meet. She has told him to stop.',
  };

  it("should not count the recording officer's links as earlier reports with the same suspect and victim when the detector reads the report", () => {
    expect(
      screenReport(report({ ...borderline, sourceLinkedReports: ['CR-8', 'CR-9'] }), families.get('malicious-communications')),
    ).toBeNull();
    const samePair = screenReport(report({ ...borderline, samePairReports: ['CR-8', 'CR-9'] }), families.get('malicious-communications'));
    expect(samePair?.flags.find((f) => f.code === 'possible-misclassification')?.linkedReportRefs).toEqual(['CR-8', 'CR-9']);
  });

  it("should show the recording officer's links as their own flag and not as the same suspect and victim when a listed report has them", () => {
    const hit = screenReport(
      report({ ...borderline, recordedFamily: 'harassment', samePairReports: ['CR-2'], sourceLinkedReports: ['CR-2', 'CR-9'] }),
      families.get('harassment'),
    );
    expect(hit?.flags.find((f) => f.code === 'linked-reports')).toEqual({
      code: 'linked-reports',
      text: '1 other report about the same suspect and victim: CR-2. Together they may show a course of conduct.',
      linkedReportRefs: ['CR-2'],
    });
    expect(hit?.flags.find((f) => f.code === 'source-linked-reports')).toEqual({
      code: 'source-linked-reports',
      text: 'Linked by the recording officer in the crime system to 1 other report: CR-9. These links may be about other people; read them before treating them as the same suspect and victim.',
      linkedReportRefs: ['CR-9'],
    });
    expect(hit?.linkedReportRefs).toEqual(['CR-2', 'CR-9']);
  });

  it("should not suggest an SPO on the strength of the recording officer's links alone when a stalking report has no other report with the same pair", () => {
    const hit = screenReport(
      report({ recordedFamily: 'stalking', relationship: 'acquaintance', victimRefs: ['V-1'], sourceLinkedReports: ['CR-9'] }),
      families.get('stalking'),
    );
    expect(hit?.suggestedActions).not.toContain('consider-interim-or-full-spo');
    expect(hit?.flags.map((f) => f.code)).toEqual(['screened-offence', 'source-linked-reports']);
  });
});

describe('screenReport suggesting no further action', () => {
  it('should suggest no further action beside recording on the list when nothing else applies to a screened offence', () => {
    const hit = screenReport(report({ recordedFamily: 'harassment', victimRefs: [] }), families.get('harassment'));
    expect(hit?.suggestedActions).toEqual(['record-on-list', 'no-further-action']);
  });

  it('should not suggest no further action when another action applies', () => {
    const hit = screenReport(report({ recordedFamily: 'harassment', victimRefs: ['V-1'] }), families.get('harassment'));
    expect(hit?.suggestedActions).toEqual(['record-on-list', 'victim-contact-and-isac-referral']);
  });
});

describe('screenCustodyRecord', () => {
  it('should suggest no further action when a custody record has no victim, report, order breach or partner', () => {
    const hit = screenCustodyRecord(
      { eventId: 'CE-3', eventType: 'charged', relationship: 'stranger', families: ['harassment'], victimRefs: [], crimeReportRefs: [] },
      families,
    );
    expect(hit?.suggestedActions).toEqual(['record-on-list', 'no-further-action']);
  });

  it('should list a live custody record for a screened offence with its linked reports', () => {
    const hit = screenCustodyRecord(
      {
        eventId: 'CE-1',
        eventType: 'arrested',
        relationship: 'former-partner',
        families: ['stalking'],
        victimRefs: ['V-1'],
        crimeReportRefs: ['CR-1'],
      },
      families,
    );
    expect(hit?.flags.map((f) => f.code)).toEqual(['custody-record', 'linked-reports']);
    expect(hit?.flags[0]?.text).toBe(
      'Person in custody (arrested) for Stalking (Protection from Harassment Act 1997 s2A, s4A, Home Office code 8Q).',
    );
    expect(hit?.suggestedActions).toEqual([
      'record-on-list',
      'link-to-other-reports',
      'refer-to-triage-clinic',
      'victim-contact-and-isac-referral',
      'possible-easi-candidate',
    ]);
  });

  it('should not list a custody record when none of its offences is screened', () => {
    expect(
      screenCustodyRecord(
        { eventId: 'CE-2', eventType: 'arrested', relationship: 'stranger', families: ['theft'], victimRefs: [], crimeReportRefs: [] },
        families,
      ),
    ).toBeNull();
  });
});
