import { describe, expect, it } from 'vitest';
import {
  chinaDate,
  endOfChinaDay,
  formatChinaInstant,
  getDefaultCalendar,
  isWorkingDay,
  parseInstant,
  validateHolidayYear,
  weekday,
  WorkCalendar,
} from '../../src/domain';
import { TEST_2027, withTimeZone } from './support';

const TIME_ZONES = ['Asia/Shanghai', 'UTC', 'America/Los_Angeles'];

describe('China time (Asia/Shanghai, +08:00) whatever the server time zone', () => {
  for (const tz of TIME_ZONES) {
    it(`TZ=${tz}: instants map to the China calendar date`, () => {
      withTimeZone(tz, () => {
        // The time zone really changed for this process (America/Los_Angeles is UTC-7/-8).
        if (tz === 'America/Los_Angeles')
          expect(new Date('2026-02-14T12:00:00Z').getTimezoneOffset()).toBe(480);
        if (tz === 'UTC') expect(new Date('2026-02-14T12:00:00Z').getTimezoneOffset()).toBe(0);
        // 2026-02-14 16:30 UTC is already 2026-02-15 00:30 in China.
        expect(chinaDate('2026-02-14T16:30:00Z')).toBe('2026-02-15');
        expect(chinaDate('2026-02-14T15:59:59.999Z')).toBe('2026-02-14');
        expect(chinaDate(new Date(Date.UTC(2026, 9, 31, 16)))).toBe('2026-11-01');
        // A string without offset is China time, never the server's local time.
        expect(formatChinaInstant('2026-10-01T08:00:00')).toBe('2026-10-01T08:00:00.000+08:00');
        expect(parseInstant('2026-10-01')).toBe(Date.parse('2026-09-30T16:00:00Z'));
        expect(endOfChinaDay('2026-10-13')).toBe('2026-10-13T23:59:59.999+08:00');
        // 2026-02-14 is a Saturday (worked, 春节调休), 2026-02-15 a Sunday.
        expect(weekday('2026-02-14')).toBe(6);
        expect(isWorkingDay('2026-02-14')).toBe(true);
        expect(isWorkingDay('2026-02-16')).toBe(false);
      });
    });
  }

  it('rejects invalid instants and dates', () => {
    expect(() => parseInstant('not a date')).toThrow(RangeError);
    expect(() => weekday('2026-02-30')).toThrow(RangeError);
  });
});

describe('chinese-days data for 2026 (国务院办公厅关于2026年部分节假日安排的通知)', () => {
  const cal = getDefaultCalendar();

  it('covers 2004–2026 and not 2027', () => {
    const cov = cal.coverage();
    expect(cov.from).toBe(2004);
    expect(cov.to).toBe(2026);
    expect(cov.years).toHaveLength(23);
    expect(cal.covers(2026)).toBe(true);
    expect(cal.covers(2027)).toBe(false);
    expect(cal.covers(2003)).toBe(false);
  });

  it('元旦: 1-1…1-3 off, Sunday 1-4 worked', () => {
    expect(['2026-01-01', '2026-01-02', '2026-01-03'].map((d) => cal.dayInfo(d).kind)).toEqual([
      'holiday',
      'holiday',
      'holiday',
    ]);
    expect(cal.dayInfo('2026-01-04')).toMatchObject({ kind: 'makeupWorkday', working: true, name: '元旦' });
  });

  it('春节: 2-15…2-23 off; Saturdays 2-14 and 2-28 worked', () => {
    for (let d = 15; d <= 23; d++) {
      expect(cal.dayInfo(`2026-02-${d}`)).toMatchObject({ kind: 'holiday', working: false, name: '春节' });
    }
    expect(cal.dayInfo('2026-02-13')).toMatchObject({ kind: 'workday', working: true });
    expect(cal.dayInfo('2026-02-14')).toMatchObject({ kind: 'makeupWorkday', working: true });
    expect(cal.dayInfo('2026-02-24')).toMatchObject({ kind: 'workday', working: true });
    expect(cal.dayInfo('2026-02-28')).toMatchObject({ kind: 'makeupWorkday', working: true });
    expect(cal.dayInfo('2026-03-01')).toMatchObject({ kind: 'weekend', working: false });
  });

  it('劳动节: 5-1…5-5 off; Saturday 5-9 worked', () => {
    for (let d = 1; d <= 5; d++) expect(cal.isWorkingDay(`2026-05-0${d}`)).toBe(false);
    expect(cal.dayInfo('2026-05-05').name).toBe('劳动节');
    expect(cal.isWorkingDay('2026-04-30')).toBe(true);
    expect(cal.isWorkingDay('2026-05-06')).toBe(true);
    expect(cal.dayInfo('2026-05-09')).toMatchObject({ kind: 'makeupWorkday', working: true });
  });

  it('国庆节: 10-1…10-7 off; Sunday 9-20 and Saturday 10-10 worked', () => {
    for (let d = 1; d <= 7; d++) expect(cal.dayInfo(`2026-10-0${d}`).kind).toBe('holiday');
    expect(cal.dayInfo('2026-09-20')).toMatchObject({ kind: 'makeupWorkday', working: true });
    expect(cal.dayInfo('2026-10-10')).toMatchObject({ kind: 'makeupWorkday', working: true });
    expect(cal.isWorkingDay('2026-10-08')).toBe(true);
    expect(cal.isWorkingDay('2026-10-11')).toBe(false);
  });

  for (const tz of ['UTC', 'America/Los_Angeles']) {
    it(`TZ=${tz}: the same holiday data (the package's own functions shift holidays west of UTC; we do not)`, () => {
      withTimeZone(tz, () => {
        expect(cal.dayInfo('2026-02-14').kind).toBe('makeupWorkday');
        expect(cal.dayInfo('2026-02-15').kind).toBe('holiday');
        expect(cal.dayInfo('2026-02-23').kind).toBe('holiday');
        expect(cal.dayInfo('2026-02-24').kind).toBe('workday');
        expect(cal.dayInfo('2026-10-10').kind).toBe('makeupWorkday');
      });
    });
  }
});

describe('uncovered years and admin-loaded notices', () => {
  it('2027 is not covered: weekends known, holidays not (2027-01-01 looks like a working Friday)', () => {
    const cal = getDefaultCalendar();
    expect(cal.dayInfo('2027-01-01')).toEqual({
      date: '2027-01-01',
      kind: 'workday',
      working: true,
      covered: false,
    });
    expect(cal.dayInfo('2027-01-02')).toMatchObject({ kind: 'weekend', working: false, covered: false });
  });

  it('loading 2027 (test data) extends coverage without changing the original calendar', () => {
    const base = getDefaultCalendar();
    const extended = base.withYear(TEST_2027);
    expect(extended.covers(2027)).toBe(true);
    expect(base.covers(2027)).toBe(false);
    expect(extended.coverage().to).toBe(2027);
    expect(extended.coverage().bySource[2027]).toBe('admin');
    expect(extended.coverage().bySource[2026]).toBe('chinese-days');
    expect(extended.dayInfo('2027-01-01')).toMatchObject({ kind: 'holiday', covered: true });
    expect(extended.dayInfo('2027-02-06')).toMatchObject({ kind: 'holiday', name: '春节（测试数据）' });
    expect(extended.dayInfo('2027-02-20')).toMatchObject({ kind: 'makeupWorkday', working: true });
    expect(extended.fingerprint()).not.toBe(base.fingerprint());
  });

  it('an admin year replaces the package data for the same year', () => {
    const corrected = getDefaultCalendar().withYear({ year: 2026, holidays: ['2026-01-01'], workdays: [] });
    expect(corrected.dayInfo('2026-02-16').kind).toBe('workday');
    expect(corrected.coverage().bySource[2026]).toBe('admin');
  });

  it('a calendar without package data knows only weekends', () => {
    const bare = WorkCalendar.fromYears([], { includePackage: false });
    expect(bare.covers(2026)).toBe(false);
    expect(bare.isWorkingDay('2026-10-01')).toBe(true);
    expect(WorkCalendar.fromYears([TEST_2027], { includePackage: false }).coverage().years).toEqual([2027]);
  });

  it('validates a year notice (Chinese messages)', () => {
    expect(validateHolidayYear(TEST_2027)).toEqual([]);
    const errors = validateHolidayYear({
      year: 2027,
      holidays: ['2026-12-31', '2027-02-30'],
      workdays: ['2027-02-22'],
    });
    expect(errors).toContain('放假日期中的日期 2026-12-31 不属于2027年');
    expect(errors).toContain('放假日期中的日期无效：2027-02-30');
    expect(errors.some((e) => e.includes('2027-02-22') && e.includes('星期一'))).toBe(true);
    expect(validateHolidayYear({ year: 2027, holidays: [], workdays: [] })[0]).toContain(
      '至少应包含一个放假日期',
    );
    expect(validateHolidayYear({ year: 2027, holidays: ['2027-01-01'], workdays: ['2027-01-01'] })).toContain(
      '日期 2027-01-01 重复出现',
    );
    expect(() => getDefaultCalendar().withYear({ year: 2027, holidays: [], workdays: [] })).toThrow(
      RangeError,
    );
  });
});
