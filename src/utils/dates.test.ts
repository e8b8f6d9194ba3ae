import { describe, expect, it } from 'vitest';
import { chinaDay, daysUntil, describeDue, formatChinaDate, formatChinaDateTime, formatDue } from './dates';

// "Now" in China: 2026-11-23 09:00 +08:00 (01:00 UTC).
const NOW = new Date('2026-11-23T01:00:00Z');

describe('deadline dates, in China time whatever the phone’s zone', () => {
  it('reads the day of a due instant as China counts it', () => {
    // The end of 12月8日 in China is still 12月8日 — though it is 15:59 UTC that day.
    expect(chinaDay('2026-12-08T23:59:59.999+08:00')).toEqual({ year: 2026, month: 12, day: 8 });
    // 16:30 UTC on 7 Dec is already 8 Dec in China.
    expect(chinaDay('2026-12-07T16:30:00Z')).toEqual({ year: 2026, month: 12, day: 8 });
    expect(chinaDay('2026-12-08')).toEqual({ year: 2026, month: 12, day: 8 });
  });

  it('says "X月X日前", with the year only when it is another year', () => {
    expect(formatDue('2026-12-08T23:59:59.999+08:00', NOW)).toBe('12月8日前');
    expect(formatDue('2027-01-05T23:59:59.999+08:00', NOW)).toBe('2027年1月5日前');
    expect(formatChinaDate('2026-11-23T01:00:00Z', NOW)).toBe('11月23日');
  });

  it('counts whole China calendar days to the due day', () => {
    expect(daysUntil('2026-12-08T23:59:59.999+08:00', NOW)).toBe(15);
    expect(daysUntil('2026-11-23T23:59:59.999+08:00', NOW)).toBe(0);
    expect(daysUntil('2026-11-20T23:59:59.999+08:00', NOW)).toBe(-3);
    // Just before midnight in China the next day is 1 day away, not 0.
    expect(daysUntil('2026-11-24T23:59:59.999+08:00', new Date('2026-11-23T15:59:00Z'))).toBe(1);
  });

  it('describes due dates in words: days left, due today, overdue by n days', () => {
    expect(describeDue('2026-12-08T23:59:59.999+08:00', NOW)).toMatchObject({
      dateText: '12月8日前',
      remainingText: '还有15天',
      urgency: 'later',
      overdue: false,
    });
    expect(describeDue('2026-11-25T23:59:59.999+08:00', NOW)).toMatchObject({
      urgency: 'soon',
      remainingText: '还有2天',
    });
    expect(describeDue('2026-11-23T23:59:59.999+08:00', NOW)).toMatchObject({
      urgency: 'today',
      remainingText: '今天到期',
    });
    expect(describeDue('2026-11-17T23:59:59.999+08:00', NOW)).toMatchObject({
      urgency: 'overdue',
      remainingText: '已超期6天',
      overdue: true,
    });
  });

  it('lets the server’s overdue flag win', () => {
    expect(describeDue('2026-12-08T23:59:59.999+08:00', NOW, true).overdue).toBe(true);
    expect(describeDue('2026-11-17T23:59:59.999+08:00', NOW, false).urgency).not.toBe('overdue');
  });

  it('writes date and time in China time', () => {
    expect(formatChinaDateTime('2026-11-23T13:03:18.067Z')).toBe('2026年11月23日 21:03');
    expect(formatChinaDateTime('not a date')).toBe('');
  });
});
