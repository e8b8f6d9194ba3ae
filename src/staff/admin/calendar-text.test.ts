import { describe, expect, it } from 'vitest';
import { formatDateLines, parseDateLines } from './calendar-text';

describe('calendar form text', () => {
  it('reads single dates, ranges (~ or 至) and names, sorted and without duplicates', () => {
    const r = parseDateLines(
      '2027-02-06~2027-02-08 春节\n\n2027-01-01 元旦\n2027-10-01 至 2027-10-02 国庆节\n2027-01-01',
      2027,
    );
    expect(r.invalid).toEqual([]);
    expect(r.outside).toEqual([]);
    expect(r.dates).toEqual([
      '2027-01-01',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-10-01',
      '2027-10-02',
    ]);
    expect(r.names['2027-02-07']).toBe('春节');
    expect(r.names['2027-10-02']).toBe('国庆节');
  });

  it('names the lines that are not dates, impossible dates, reversed or over-long ranges', () => {
    const r = parseDateLines(
      '春节放假\n2027-02-30\n2027-03-05~2027-03-01\n2027-01-01~2027-03-01\n2027-5-1',
      2027,
    );
    expect(r.invalid.map((x) => x.line)).toEqual([1, 2, 3, 4]);
    expect(r.dates).toEqual(['2027-05-01']);
  });

  it('flags dates outside the year being loaded', () => {
    const r = parseDateLines('2026-12-31~2027-01-01 元旦', 2027);
    expect(r.outside).toEqual([1]);
    expect(r.dates).toEqual(['2027-01-01']);
  });

  it('writes consecutive dates with one name as one range, and reads back what it wrote', () => {
    const dates = ['2027-02-06', '2027-02-07', '2027-02-08', '2027-04-05', '2027-05-01', '2027-05-02'];
    const names = {
      '2027-02-06': '春节',
      '2027-02-07': '春节',
      '2027-02-08': '春节',
      '2027-04-05': '清明节',
    };
    const text = formatDateLines(dates, names);
    expect(text).toBe('2027-02-06~2027-02-08 春节\n2027-04-05 清明节\n2027-05-01~2027-05-02');
    const back = parseDateLines(text, 2027);
    expect(back.dates).toEqual(dates);
    expect(back.names).toEqual(names);
  });
});
