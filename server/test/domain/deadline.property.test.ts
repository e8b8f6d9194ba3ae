import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  chinaDate,
  computeDeadline,
  dayNumber,
  endOfChinaDay,
  getDefaultCalendar,
  parseInstant,
} from '../../src/domain';
import { TEST_2027, withTimeZone } from './support';

const cal = getDefaultCalendar();
const cal2027 = cal.withYear(TEST_2027);
const MIN = Date.UTC(2004, 0, 2);
const MAX = Date.UTC(2027, 10, 1);
const instant = fc.integer({ min: MIN, max: MAX }).map((ms) => new Date(ms).toISOString());
const dayLimit = fc.integer({ min: 1, max: 120 });
const HOUR = 3_600_000;

/** Random pauses within ~150 days after `from`. */
const pausesAfter = (fromIso: string) =>
  fc.array(
    fc
      .tuple(fc.integer({ min: -5 * 24, max: 150 * 24 }), fc.integer({ min: 0, max: 72 }))
      .map(([startH, lenH]) => {
        const s = parseInstant(fromIso) + startH * HOUR;
        return { from: new Date(s).toISOString(), to: new Date(s + lenH * HOUR).toISOString() };
      }),
    { maxLength: 4 },
  );

describe('property: 《民法典》第二百零一条、第二百零三条 for 日 limits', () => {
  it('never earlier than start + N, never on a rest day, and the first working day on or after start + N', () => {
    fc.assert(
      fc.property(instant, dayLimit, fc.boolean(), (from, n, extended) => {
        const calendar = extended ? cal2027 : cal;
        const r = computeDeadline({ from, limit: { days: n } }, calendar);
        const nominal = addDays(chinaDate(from), n);
        expect(dayNumber(r.lastDay)).toBeGreaterThanOrEqual(dayNumber(nominal));
        expect(calendar.isWorkingDay(r.lastDay)).toBe(true);
        for (let d = nominal; d !== r.lastDay; d = addDays(d, 1))
          expect(calendar.isWorkingDay(d)).toBe(false);
        expect(r.due).toBe(endOfChinaDay(r.lastDay));
      }),
      { numRuns: 400 },
    );
  });
});

describe('property: 个工作日 limits', () => {
  it('exactly N working days lie in (start day, last day], none of the counted days is a rest day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 40 }), (from, n) => {
        const r = computeDeadline({ from, limit: { workingDays: n } });
        expect(cal.isWorkingDay(r.lastDay)).toBe(true);
        let working = 0;
        for (let d = addDays(chinaDate(from), 1); dayNumber(d) <= dayNumber(r.lastDay); d = addDays(d, 1)) {
          if (cal.isWorkingDay(d)) working++;
        }
        expect(working).toBe(n);
        // "计入的工作日" lists only working days.
        const line = r.explanation.find((l) => l.startsWith('计入的工作日：')) ?? '';
        const listed = [...line.matchAll(/(\d{4})年(\d{1,2})月(\d{1,2})日/g)].map(
          (m) => `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}`,
        );
        expect(listed).toHaveLength(n);
        for (const d of listed) expect(cal.isWorkingDay(d)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('property: 《信访工作条例》第三十六条第二款 pauses only ever move the due date later', () => {
  it('days and working days: due with pauses ≥ due without; adding a pause never moves it earlier', () => {
    fc.assert(
      fc.property(
        instant.chain((from) => fc.tuple(fc.constant(from), pausesAfter(from))),
        fc.oneof(
          dayLimit.map((days) => ({ days })),
          fc.integer({ min: 1, max: 30 }).map((workingDays) => ({ workingDays })),
        ),
        ([from, pauses], limit) => {
          const none = computeDeadline({ from, limit });
          const all = computeDeadline({ from, limit, pauses });
          expect(parseInstant(all.due)).toBeGreaterThanOrEqual(parseInstant(none.due));
          expect(cal.isWorkingDay(all.lastDay)).toBe(true);
          if (pauses.length > 1) {
            const fewer = computeDeadline({ from, limit, pauses: pauses.slice(1) });
            expect(parseInstant(all.due)).toBeGreaterThanOrEqual(parseInstant(fewer.due));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('hours: due = from + N h + the stopped time inside the running period (never less than N h)', () => {
    fc.assert(
      fc.property(
        instant.chain((from) => fc.tuple(fc.constant(from), pausesAfter(from))),
        fc.integer({ min: 1, max: 400 }),
        ([from, pauses], hours) => {
          const r = computeDeadline({ from, limit: { hours }, pauses });
          const elapsed = parseInstant(r.due) - parseInstant(from);
          expect(elapsed).toBeGreaterThanOrEqual(hours * HOUR);
          const none = computeDeadline({ from, limit: { hours } });
          expect(parseInstant(none.due) - parseInstant(from)).toBe(hours * HOUR);
          expect(r.lastDay).toBe(chinaDate(r.due));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('property: the server time zone never matters', () => {
  it('identical results under Asia/Shanghai, UTC and America/Los_Angeles', () => {
    fc.assert(
      fc.property(instant, dayLimit, fc.integer({ min: 1, max: 20 }), (from, days, workingDays) => {
        const run = () => [
          computeDeadline({ from, limit: { days } }),
          computeDeadline({ from, limit: { workingDays } }),
          computeDeadline({ from, limit: { hours: days } }),
        ];
        const sh = withTimeZone('Asia/Shanghai', run);
        expect(withTimeZone('UTC', run)).toEqual(sh);
        expect(withTimeZone('America/Los_Angeles', run)).toEqual(sh);
      }),
      { numRuns: 100 },
    );
  });
});

describe('property: provisional exactly when counting consults an uncovered year', () => {
  it('a deadline whose last day is in 2027 is provisional without 2027 data and final with it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 10, 1), max: Date.UTC(2027, 5, 1) }),
        dayLimit,
        (ms, days) => {
          const from = new Date(ms).toISOString();
          const r = computeDeadline({ from, limit: { days } });
          if (r.lastDay >= '2027-01-01') expect(r.provisional).toBe(true);
          if (r.lastDay < '2027-01-01') expect(r.provisional).toBe(false);
          expect(computeDeadline({ from, limit: { days } }, cal2027).provisional).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});
