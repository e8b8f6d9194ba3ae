import { describe, expect, it } from 'vitest';
import {
  computeDeadline,
  computeDeadlineDetailed,
  getDefaultCalendar,
  needsRecomputation,
} from '../../src/domain';
import { TEST_2027, withTimeZone } from './support';

const at = (s: string) => `${s}+08:00`;

describe('《民法典》第二百零一条 开始的当日不计入', () => {
  it('15日 from 2026-03-02 09:00 ends 2026-03-17 24:00', () => {
    const r = computeDeadline({ from: at('2026-03-02T09:00:00'), limit: { days: 15 } });
    expect(r).toMatchObject({
      due: '2026-03-17T23:59:59.999+08:00',
      lastDay: '2026-03-17',
      provisional: false,
    });
    expect(r.explanation[0]).toBe(
      '起算：2026年3月2日 09:00（北京时间）为起算事件发生时间；依《民法典》第二百零一条，开始的当日不计入，自2026年3月3日起算。',
    );
  });

  it('an event at 23:59 China time and one at 00:00 count from the same next day', () => {
    expect(computeDeadline({ from: at('2026-03-02T23:59:00'), limit: { days: 15 } }).lastDay).toBe(
      '2026-03-17',
    );
    expect(computeDeadline({ from: at('2026-03-02T00:00:00'), limit: { days: 15 } }).lastDay).toBe(
      '2026-03-17',
    );
  });

  it('the start day is the China date: 2026-03-01T16:30Z is 03-02 in China', () => {
    expect(computeDeadline({ from: '2026-03-01T16:30:00Z', limit: { days: 15 } }).lastDay).toBe('2026-03-17');
    expect(computeDeadline({ from: '2026-03-01T15:30:00Z', limit: { days: 15 } }).lastDay).toBe('2026-03-16');
  });
});

describe('《民法典》第二百零三条 期间最后一日是法定休假日的，以其后的第一日为期间的最后一日', () => {
  it('春节: 15日 from 2026-02-06 falls on 02-21 (春节) and moves to Tuesday 02-24', () => {
    const r = computeDeadline({ from: at('2026-02-06T10:00:00'), limit: { days: 15 } });
    expect(r.due).toBe('2026-02-24T23:59:59.999+08:00');
    expect(r.explanation).toEqual([
      '起算：2026年2月6日 10:00（北京时间）为起算事件发生时间；依《民法典》第二百零一条，开始的当日不计入，自2026年2月7日起算。',
      '期限：15日（按日历日连续计算），第15日为2026年2月21日（星期六）。',
      '顺延：2026年2月21日为法定休假日，依《民法典》第二百零三条以其后的第一个工作日为期限届满日；跳过2026年2月21日至2026年2月23日（春节假期），顺延至2026年2月24日（星期二）。',
      '届满：2026年2月24日 24:00（北京时间）。',
    ]);
  });

  it('a last day on a 调休 make-up Saturday (2026-02-14, 02-28) is a working day: no shift', () => {
    expect(computeDeadline({ from: at('2026-01-30T10:00:00'), limit: { days: 15 } }).lastDay).toBe(
      '2026-02-14',
    );
    const r = computeDeadline({ from: at('2026-02-13T10:00:00'), limit: { days: 15 } });
    expect(r.lastDay).toBe('2026-02-28');
    expect(r.explanation).toContain('2026年2月28日为工作日，无需顺延。');
  });

  it('an ordinary weekend moves to Monday: 15日 from 2026-03-06 → Saturday 03-21 → 03-23', () => {
    const r = computeDeadline({ from: at('2026-03-06T10:00:00'), limit: { days: 15 } });
    expect(r.lastDay).toBe('2026-03-23');
    expect(r.explanation.join('')).toContain('跳过2026年3月21日至2026年3月22日（周末）');
  });

  it('国庆节: 15日 from 2026-09-16 falls on 10-01 and moves past 10-01…10-07 to 10-08', () => {
    const r = computeDeadline({ from: at('2026-09-16T10:00:00'), limit: { days: 15 } });
    expect(r.due).toBe('2026-10-08T23:59:59.999+08:00');
    expect(r.explanation.join('')).toContain('跳过2026年10月1日至2026年10月7日（国庆节假期）');
  });

  it('劳动节: 60日 from acceptance on 2026-03-05 falls on 05-04 and moves to 05-06', () => {
    const r = computeDeadline({ from: at('2026-03-05T10:00:00'), limit: { days: 60 } });
    expect(r.lastDay).toBe('2026-05-06');
    expect(r.explanation[1]).toBe('期限：60日（按日历日连续计算），第60日为2026年5月4日（星期一）。');
  });

  it('a working last day does not move: 15日 from 2026-04-15 → Thursday 04-30', () => {
    expect(computeDeadline({ from: at('2026-04-15T10:00:00'), limit: { days: 15 } }).lastDay).toBe(
      '2026-04-30',
    );
  });
});

describe('个工作日 (《信访工作条例》第二十三条第三款 5个工作日)', () => {
  it('5个工作日 from 2026-09-30 counts 10-08, 10-09, 10-10 (调休), 10-12, 10-13', () => {
    const r = computeDeadline({ from: at('2026-09-30T15:00:00'), limit: { workingDays: 5 } });
    expect(r.due).toBe('2026-10-13T23:59:59.999+08:00');
    expect(r.explanation).toContain(
      '计入的工作日：2026年10月8日、2026年10月9日、2026年10月10日（国庆节调休上班）、2026年10月12日、2026年10月13日。',
    );
    expect(r.explanation).toContain(
      '不计入：2026年10月1日至2026年10月7日（国庆节假期）、2026年10月11日（周末）。',
    );
  });

  it('5个工作日 from 2026-02-10 across 春节: 02-11, 02-12, 02-13, 02-14 (调休), 02-24', () => {
    expect(computeDeadline({ from: at('2026-02-10T10:00:00'), limit: { workingDays: 5 } }).lastDay).toBe(
      '2026-02-24',
    );
    expect(computeDeadline({ from: at('2026-02-12T10:00:00'), limit: { workingDays: 5 } }).lastDay).toBe(
      '2026-02-26',
    );
  });

  it('5个工作日 across 劳动节 from 2026-04-29: 04-30, 05-06, 05-07, 05-08, 05-09 (调休)', () => {
    expect(computeDeadline({ from: at('2026-04-29T10:00:00'), limit: { workingDays: 5 } }).lastDay).toBe(
      '2026-05-09',
    );
  });
});

describe('hour limits (12345 profile): due = from + N hours, no holiday shift', () => {
  it('2 小时 on 国庆 2026-10-01 10:00 → 12:00 the same day', () => {
    const r = computeDeadline({ from: at('2026-10-01T10:00:00'), limit: { hours: 2 } });
    expect(r).toMatchObject({
      due: '2026-10-01T12:00:00.000+08:00',
      lastDay: '2026-10-01',
      provisional: false,
    });
  });

  it('24 小时 from an instant given in UTC; lastDay is the China date of due', () => {
    const r = computeDeadline({ from: '2026-02-16T23:30:00Z', limit: { hours: 24 } });
    expect(r.due).toBe('2026-02-18T07:30:00.000+08:00');
    expect(r.lastDay).toBe('2026-02-18');
  });

  it('an hour limit never becomes provisional, even in 2027', () => {
    expect(computeDeadline({ from: at('2027-03-01T10:00:00'), limit: { hours: 24 } }).provisional).toBe(
      false,
    );
  });
});

describe('《信访工作条例》第三十六条第二款 听证所需时间不计算在期限内 (pauses)', () => {
  const from = at('2026-06-08T10:00:00'); // Monday; 30日 → Wednesday 07-08
  const base = computeDeadline({ from, limit: { days: 30 } });

  it('without a pause: 2026-07-08', () => {
    expect(base.lastDay).toBe('2026-07-08');
  });

  it('whole-day rule: a two-hour hearing on 06-15 stops the whole day → 07-09', () => {
    const r = computeDeadline({
      from,
      limit: { days: 30 },
      pauses: [{ from: at('2026-06-15T09:00:00'), to: at('2026-06-15T11:00:00') }],
    });
    expect(r.lastDay).toBe('2026-07-09');
    expect(r.explanation).toContain(
      '计时中止：2026年6月15日，共1日不计入期限，期限顺延至2026年7月9日（星期四）。',
    );
  });

  it('a pause over two dates (06-15 09:00 → 06-16 10:00) adds 2 days → 07-10', () => {
    const r = computeDeadline({
      from,
      limit: { days: 30 },
      pauses: [{ from: at('2026-06-15T09:00:00'), to: at('2026-06-16T10:00:00') }],
    });
    expect(r.lastDay).toBe('2026-07-10');
  });

  it('a pause ending exactly at 00:00 does not stop the next day', () => {
    const r = computeDeadline({
      from,
      limit: { days: 30 },
      pauses: [{ from: at('2026-06-15T09:00:00'), to: at('2026-06-16T00:00:00') }],
    });
    expect(r.lastDay).toBe('2026-07-09');
  });

  it('zero-length pauses, pauses on the start day and pauses before it change nothing', () => {
    const same = [
      [{ from: at('2026-06-15T09:00:00'), to: at('2026-06-15T09:00:00') }],
      [{ from: at('2026-06-08T11:00:00'), to: at('2026-06-08T12:00:00') }],
      [{ from: at('2026-06-01T09:00:00'), to: at('2026-06-02T09:00:00') }],
    ];
    for (const pauses of same)
      expect(computeDeadline({ from, limit: { days: 30 }, pauses }).lastDay).toBe('2026-07-08');
  });

  it('a pause that pushes the last day onto a weekend is shifted again (第二百零三条): 06-10 +30 with 2 days → 07-13', () => {
    const r = computeDeadline({
      from: at('2026-06-10T10:00:00'),
      limit: { days: 30 },
      pauses: [{ from: at('2026-06-20T09:00:00'), to: at('2026-06-21T17:00:00') }],
    });
    expect(r.lastDay).toBe('2026-07-13');
  });

  it('working days: a paused working day is not counted (5个工作日 from 03-02 with 03-04 stopped → 03-10)', () => {
    const plain = computeDeadline({ from: at('2026-03-02T10:00:00'), limit: { workingDays: 5 } });
    const paused = computeDeadline({
      from: at('2026-03-02T10:00:00'),
      limit: { workingDays: 5 },
      pauses: [{ from: at('2026-03-04T14:00:00'), to: at('2026-03-04T16:00:00') }],
    });
    expect(plain.lastDay).toBe('2026-03-09');
    expect(paused.lastDay).toBe('2026-03-10');
  });

  it('hours: the exact stopped time is added (24 小时 with a 3.5-hour stop → +3.5 h)', () => {
    const r = computeDeadline({
      from: at('2026-03-02T09:00:00'),
      limit: { hours: 24 },
      pauses: [
        { from: at('2026-03-02T12:00:00'), to: at('2026-03-02T15:30:00') },
        { from: at('2026-03-05T09:00:00'), to: at('2026-03-05T10:00:00') }, // after due: ignored
      ],
    });
    expect(r.due).toBe('2026-03-03T12:30:00.000+08:00');
    expect(r.explanation).toContain(
      '计时中止：2026年3月2日 12:00至2026年3月2日 15:30，共3小时30分钟不计入期限。',
    );
  });

  it('a pause that ends before it starts is an error', () => {
    expect(() =>
      computeDeadline({
        from,
        limit: { days: 30 },
        pauses: [{ from: at('2026-06-16T09:00:00'), to: at('2026-06-15T09:00:00') }],
      }),
    ).toThrow('计时中止的结束时间不能早于开始时间');
  });
});

describe('provisional deadlines: the year boundary into uncovered 2027', () => {
  it('15日 from 2026-12-17 reaches 2027-01-01: provisional, says so, and assumes Friday is a working day', () => {
    const r = computeDeadline({ from: at('2026-12-17T10:00:00'), limit: { days: 15 } });
    expect(r.lastDay).toBe('2027-01-01');
    expect(r.provisional).toBe(true);
    expect(r.explanation[r.explanation.length - 1]).toContain(
      '2027年节假日安排尚未发布，本期限为暂定，发布后将自动重算',
    );
  });

  it('after loading 2027 (TEST DATA) the same deadline is final and moves past 元旦 to 2027-01-04', () => {
    const cal = getDefaultCalendar().withYear(TEST_2027);
    const r = computeDeadline({ from: at('2026-12-17T10:00:00'), limit: { days: 15 } }, cal);
    expect(r).toMatchObject({ lastDay: '2027-01-04', provisional: false });
    expect(r.explanation.join('')).not.toContain('暂定');
  });

  it('working days across the boundary: provisional 2027-01-05, then 2027-01-06 with 2027 data', () => {
    const input = { from: at('2026-12-29T10:00:00'), limit: { workingDays: 5 } };
    const before = computeDeadlineDetailed(input);
    expect(before).toMatchObject({ lastDay: '2027-01-05', provisional: true, uncoveredYears: [2027] });
    const after = computeDeadline(input, getDefaultCalendar().withYear(TEST_2027));
    expect(after).toMatchObject({ lastDay: '2027-01-06', provisional: false });
  });

  it('counting that ends inside 2026 is not provisional even if it started near the boundary', () => {
    const r = computeDeadline({ from: at('2026-11-20T10:00:00'), limit: { days: 30 } });
    expect(r).toMatchObject({ lastDay: '2026-12-21', provisional: false });
  });

  it('needsRecomputation: only provisional deadlines, and only once their year is covered', () => {
    const d = computeDeadlineDetailed({ from: at('2026-12-17T10:00:00'), limit: { days: 15 } });
    const stored = { provisional: d.provisional, lastDay: d.lastDay, provisionalYears: d.uncoveredYears };
    expect(needsRecomputation(stored, getDefaultCalendar())).toBe(false);
    expect(needsRecomputation(stored, getDefaultCalendar().withYear(TEST_2027))).toBe(true);
    expect(
      needsRecomputation(
        { provisional: false, lastDay: '2026-03-17' },
        getDefaultCalendar().withYear(TEST_2027),
      ),
    ).toBe(false);
    // Without the stored years, the year of the last day is used.
    expect(
      needsRecomputation(
        { provisional: true, lastDay: '2027-01-01' },
        getDefaultCalendar().withYear(TEST_2027),
      ),
    ).toBe(true);
  });
});

describe('a server that does not run in China time', () => {
  for (const tz of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
    it(`TZ=${tz}: the 春节, 国庆 and hour results are identical`, () => {
      withTimeZone(tz, () => {
        expect(computeDeadline({ from: at('2026-02-06T10:00:00'), limit: { days: 15 } }).due).toBe(
          '2026-02-24T23:59:59.999+08:00',
        );
        expect(computeDeadline({ from: '2026-09-30T07:00:00Z', limit: { workingDays: 5 } }).due).toBe(
          '2026-10-13T23:59:59.999+08:00',
        );
        expect(
          computeDeadline({ from: new Date(Date.UTC(2026, 2, 1, 16, 30)), limit: { days: 15 } }).lastDay,
        ).toBe('2026-03-17');
        expect(computeDeadline({ from: '2026-02-16T23:30:00Z', limit: { hours: 24 } }).due).toBe(
          '2026-02-18T07:30:00.000+08:00',
        );
      });
    });
  }
});

describe('invalid limits', () => {
  it('refuses non-positive or fractional day counts', () => {
    expect(() => computeDeadline({ from: at('2026-03-02T10:00:00'), limit: { days: 0 } })).toThrow(
      '日数必须是 1 以上的整数',
    );
    expect(() => computeDeadline({ from: at('2026-03-02T10:00:00'), limit: { workingDays: 1.5 } })).toThrow(
      RangeError,
    );
    expect(() => computeDeadline({ from: at('2026-03-02T10:00:00'), limit: { hours: -2 } })).toThrow(
      '小时数必须大于 0',
    );
  });
});
