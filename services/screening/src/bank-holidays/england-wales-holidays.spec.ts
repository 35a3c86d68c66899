import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from './bank-holiday-seed';
import { bankHolidaysOfYears, easterSunday, englandAndWalesBankHolidays, regularBankHoliday } from './england-wales-holidays';

const days = (year: number): string[] => englandAndWalesBankHolidays(year).map((h) => h.day);

describe('englandAndWalesBankHolidays', () => {
  it('should reproduce every seeded day and name exactly when computing 2025 to 2027', () => {
    expect(bankHolidaysOfYears(2025, 3)).toEqual(ENGLAND_AND_WALES_BANK_HOLIDAYS);
  });

  // Published England and Wales lists; the proclaimed one-off changes are left out on purpose,
  // because no rule gives them: supervisors enter them (and withdraw the day they replace).
  it('should give the published 2020 days except the Early May holiday moved to Friday 8 May for VE Day', () => {
    expect(days(2020)).toEqual([
      '2020-01-01',
      '2020-04-10',
      '2020-04-13',
      '2020-05-04',
      '2020-05-25',
      '2020-08-31',
      '2020-12-25',
      '2020-12-28',
    ]);
  });

  it('should give the published 2021 days when Christmas falls on a Saturday', () => {
    expect(englandAndWalesBankHolidays(2021)).toEqual([
      { day: '2021-01-01', name: "New Year's Day" },
      { day: '2021-04-02', name: 'Good Friday' },
      { day: '2021-04-05', name: 'Easter Monday' },
      { day: '2021-05-03', name: 'Early May bank holiday' },
      { day: '2021-05-31', name: 'Spring bank holiday' },
      { day: '2021-08-30', name: 'Summer bank holiday' },
      { day: '2021-12-27', name: 'Christmas Day (substitute day)' },
      { day: '2021-12-28', name: 'Boxing Day (substitute day)' },
    ]);
  });

  it('should give the published 2022 days except the Jubilee changes and the State Funeral when Christmas falls on a Sunday', () => {
    // Proclaimed instead: Spring moved from Mon 30 May to Thu 2 June, Fri 3 June Jubilee, Mon 19 Sep funeral.
    expect(englandAndWalesBankHolidays(2022)).toEqual([
      { day: '2022-01-03', name: "New Year's Day (substitute day)" },
      { day: '2022-04-15', name: 'Good Friday' },
      { day: '2022-04-18', name: 'Easter Monday' },
      { day: '2022-05-02', name: 'Early May bank holiday' },
      { day: '2022-05-30', name: 'Spring bank holiday' },
      { day: '2022-08-29', name: 'Summer bank holiday' },
      { day: '2022-12-26', name: 'Boxing Day' },
      { day: '2022-12-27', name: 'Christmas Day (substitute day)' },
    ]);
  });

  it('should give the published 2023 days except the Coronation when New Year falls on a Sunday', () => {
    // Proclaimed in addition: Mon 8 May 2023, the Coronation.
    expect(englandAndWalesBankHolidays(2023)[0]).toEqual({ day: '2023-01-02', name: "New Year's Day (substitute day)" });
    expect(days(2023)).toEqual([
      '2023-01-02',
      '2023-04-07',
      '2023-04-10',
      '2023-05-01',
      '2023-05-29',
      '2023-08-28',
      '2023-12-25',
      '2023-12-26',
    ]);
  });

  it('should give the published 2024 days when nothing falls on a weekend', () => {
    expect(days(2024)).toEqual([
      '2024-01-01',
      '2024-03-29',
      '2024-04-01',
      '2024-05-06',
      '2024-05-27',
      '2024-08-26',
      '2024-12-25',
      '2024-12-26',
    ]);
  });

  it('should put every holiday on a weekday with distinct days in date order when computing any year', () => {
    for (let year = 1900; year <= 2200; year += 1) {
      const list = days(year);
      expect(list).toHaveLength(8);
      expect([...list].sort()).toEqual(list);
      expect(new Set(list).size).toBe(8);
      for (const day of list) expect([1, 2, 3, 4, 5]).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
    }
  });

  it('should refuse a year outside the Gregorian four-digit range when asked for one', () => {
    expect(() => englandAndWalesBankHolidays(1582)).toThrow(RangeError);
    expect(() => englandAndWalesBankHolidays(2026.5)).toThrow(RangeError);
  });
});

describe('easterSunday', () => {
  it('should give the known Gregorian Easter Sundays including the earliest and latest possible when computing them', () => {
    const known: [number, string][] = [
      [1818, '03-22'],
      [1943, '04-25'],
      [2000, '04-23'],
      [2008, '03-23'],
      [2011, '04-24'],
      [2019, '04-21'],
      [2038, '04-25'],
      [2285, '03-22'],
    ];
    for (const [year, expected] of known) {
      const e = easterSunday(year);
      expect(`${String(e.month).padStart(2, '0')}-${String(e.day).padStart(2, '0')}`).toBe(expected);
    }
  });
});

describe('regularBankHoliday', () => {
  it('should name a regular holiday and nothing for an ordinary or proclaimed day when asked about a day', () => {
    expect(regularBankHoliday('2028-12-25')).toEqual({ day: '2028-12-25', name: 'Christmas Day' });
    expect(regularBankHoliday('2028-12-27')).toBeUndefined();
    expect(regularBankHoliday('2023-05-08')).toBeUndefined();
    expect(regularBankHoliday('0001-01-01')).toBeUndefined();
  });
});
