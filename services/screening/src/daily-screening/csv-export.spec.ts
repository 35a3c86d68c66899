import { csvCell, CSV_HEADER, toCsv } from './csv-export';
import type { HitRow } from './screening-run.repository';

const hit = (overrides: Partial<HitRow> = {}): HitRow => ({
  id: 'h1',
  day: '2026-11-25',
  source: 'crime-report',
  sourceRef: 'CR-1',
  sourceVersion: 1,
  policeArea: 'WMP',
  recordedFamily: 'harassment',
  relationship: 'former-partner',
  suspectRefs: ['P-1'],
  victimRefs: ['V-1'],
  linkedReportRefs: ['CR-0'],
  flags: [
    {
      code: 'possible-misclassification',
      text: 'Reads as stalking.',
      explanations: [{ rule: 'act-monitoring', text: 'Monitoring the victim.', matched: ['tracker'], weight: 0.35 }],
      confidence: 0.9,
    },
  ],
  misclassificationConfidence: 0.9,
  suggestedActions: ['record-on-list', 'reclassification-submission'],
  createdAt: new Date('2026-11-25T07:00:00Z'),
  taskId: 't1',
  taskKind: 'reclassification-review',
  taskStatus: 'open',
  taskOutcome: null,
  ...overrides,
});

describe('csv export', () => {
  it.each(['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])(
    'should neutralise a cell that a spreadsheet would run when it starts like %j',
    (value) => {
      expect(csvCell(value)).toBe(`"'${value.replace(/"/g, '""')}"`);
    },
  );

  it('should quote every cell and double embedded quotes when text has commas and quotes', () => {
    expect(csvCell('he said "stop", twice')).toBe('"he said ""stop"", twice"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(['a', 'b'])).toBe('"a; b"');
  });

  it('should write a header and one row per hit with the explanations in plain words when exported', () => {
    const csv = toCsv([hit(), hit({ id: 'h2', sourceRef: '=cmd|calc', flags: [] })]);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(CSV_HEADER.map((h) => `"${h}"`).join(','));
    expect(lines[1]).toContain('"for (act-monitoring): Monitoring the victim. (words: ""tracker"")"');
    expect(lines[2]).toContain(`"'=cmd|calc"`);
  });
});
