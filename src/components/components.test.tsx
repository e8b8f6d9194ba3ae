import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import type { Deadline } from '../api/types';
import { DeadlineCard } from './deadline-card';
import { DueBadge } from './due-badge';
import { ErrorNotice } from './error-notice';

afterEach(() => cleanup());

const NOW = new Date('2026-11-23T01:00:00Z');

const ROUTE: Deadline = {
  clock: 'route',
  label: '登记转送交办期限',
  article: '《信访工作条例》第二十二条',
  statutory: true,
  unitId: 'jd-xfj',
  startedAt: '2026-11-23T09:00:00+08:00',
  due: '2026-12-08T23:59:59.999+08:00',
  lastDay: '2026-12-08',
  provisional: false,
  status: 'running',
  overdue: false,
  explanation: [
    '规则：登记转送交办期限15日，依据《信访工作条例》第二十二条',
    '期限：15日（按日历日连续计算），第15日为2026年12月8日（星期二）。',
    '届满：2026年12月8日 24:00（北京时间）。',
  ],
};

describe('ErrorNotice', () => {
  it('shows a refusal’s message and its article, marked in words and a sign', () => {
    const err = new ApiError('http', '请求复查应当自收到书面答复之日起30日内提出。', {
      status: 422,
      article: '《信访工作条例》第三十五条',
    });
    const { container, getByText } = render(<ErrorNotice error={err} />);
    expect(getByText('请求复查应当自收到书面答复之日起30日内提出。')).toBeTruthy();
    expect(getByText('依据：《信访工作条例》第三十五条')).toBeTruthy();
    expect(getByText('没能完成')).toBeTruthy();
    expect(container.querySelector('[role="alert"]')).not.toBeNull();
  });

  it('shows the request id only for server faults', () => {
    const fault = new ApiError('http', '服务暂时不可用，请稍后重试', { status: 500, requestId: 'req-9' });
    expect(render(<ErrorNotice error={fault} />).getByText('问题编号：req-9')).toBeTruthy();
    cleanup();
    const refusal = new ApiError('http', '不行', { status: 422, requestId: 'req-8' });
    expect(render(<ErrorNotice error={refusal} />).queryByText('问题编号：req-8')).toBeNull();
  });

  it('renders nothing without an error', () => {
    expect(render(<ErrorNotice error={null} />).container.innerHTML).toBe('');
  });
});

describe('DueBadge', () => {
  it('marks overdue with words and a sign, not colour alone', () => {
    const { getByText } = render(<DueBadge due="2026-11-17T23:59:59.999+08:00" overdue now={NOW} />);
    expect(getByText('已超期')).toBeTruthy();
    expect(getByText('11月17日前')).toBeTruthy();
    expect(getByText('已超期6天')).toBeTruthy();
    expect(getByText('!')).toBeTruthy();
  });
});

describe('DeadlineCard', () => {
  it('explains "为什么是这一天" on demand, line by line from the server', async () => {
    const { getByText, queryByText } = render(<DeadlineCard deadline={ROUTE} now={NOW} />);
    expect(getByText('登记转送交办期限')).toBeTruthy();
    expect(getByText('12月8日前')).toBeTruthy();
    expect(getByText('还有15天')).toBeTruthy();
    expect(getByText('依据《信访工作条例》第二十二条')).toBeTruthy();
    expect(queryByText('届满：2026年12月8日 24:00（北京时间）。')).toBeNull();
    await act(async () => {
      fireEvent.click(getByText('为什么是这一天'));
    });
    expect(getByText('届满：2026年12月8日 24:00（北京时间）。')).toBeTruthy();
    expect(getByText('收起说明')).toBeTruthy();
  });

  it('says when a deadline is provisional (holidays not yet published)', () => {
    const { getByText } = render(<DeadlineCard deadline={{ ...ROUTE, provisional: true }} now={NOW} />);
    expect(getByText('暂定：节假日安排公布后会重新计算')).toBeTruthy();
  });
});
