import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../server/src/domain/china-date';
import { periodProblem } from '../../server/src/domain/periods';
import { httpError } from '../api/errors';
import { ErrorNotice } from '../components/error-notice';
import { PeriodBar } from './components/period-bar';

afterEach(() => cleanup());

/** The start/end the two date pickers of a custom period offer, as rendered. */
function pickers(from: string, to: string) {
  const { container } = render(<PeriodBar value={{ kind: 'custom', from, to }} onChange={() => undefined} />);
  const [a, b] = Array.from(container.querySelectorAll('[mode="date"]'));
  const attr = (el: Element | undefined, name: string) => el?.getAttribute(name) ?? '';
  return {
    from: { start: attr(a, 'start'), end: attr(a, 'end') },
    to: { start: attr(b, 'start'), end: attr(b, 'end') },
  };
}

describe('leader custom period: the pickers offer only periods the server accepts', () => {
  for (const [from, to] of [
    ['2026-01-01', '2026-06-30'],
    ['2024-02-29', '2024-02-29'],
    ['2017-01-01', '2026-12-31'],
  ] as const) {
    it(`${from} 至 ${to}: each picker's ends are accepted, one day beyond is refused`, () => {
      const p = pickers(from, to);
      expect(p.from.end).toBe(to);
      expect(p.to.start).toBe(from);
      expect(periodProblem({ from: p.from.start, to }, 'month')).toBeNull();
      expect(periodProblem({ from: addDays(p.from.start, -1), to }, 'month')).not.toBeNull();
      expect(periodProblem({ from, to: p.to.end }, 'month')).toBeNull();
      expect(periodProblem({ from, to: addDays(p.to.end, 1) }, 'month')).not.toBeNull();
    });
  }

  it("a period the server refuses shows the server's own message", () => {
    const message = periodProblem({ from: '1000-01-01', to: '9999-12-31' }, 'month')!.message;
    const err = httpError(400, { statusCode: 400, code: 'BAD_REQUEST', message, requestId: 'r-1' });
    const { getByText } = render(<ErrorNotice error={err} />);
    expect(getByText(message)).toBeTruthy();
  });
});
