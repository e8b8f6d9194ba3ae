import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { Deadline } from '../api/types';
import { messages } from '../messages';
import { deadlineStatusText, isRightWindow } from '../utils/case-view';
import { DueBadge } from './due-badge';

interface Props {
  deadline: Deadline;
  now?: Date;
  /** Open the "为什么是这一天" explanation from the start. */
  expanded?: boolean;
}

const m = messages.deadline;

/**
 * One deadline: what it is, the day it ends, whether it is running, met or missed, the article that sets
 * it, and — one tap away — the server's own explanation of how the day was counted.
 */
export function DeadlineCard({ deadline: d, now, expanded = false }: Props) {
  const [open, setOpen] = useState(expanded);
  const running = d.status === 'running' || d.status === 'paused';
  return (
    <View className={`deadline ${running ? 'deadline--running' : 'deadline--ended'}`}>
      <View className="deadline__head">
        <Text className="deadline__label">{d.label}</Text>
        <Text className="deadline__status">{deadlineStatusText(d)}</Text>
      </View>
      {isRightWindow(d.clock) ? <Text className="deadline__for-you">{m.forYou}</Text> : null}
      <DueBadge due={d.due} overdue={running ? d.overdue : false} now={now} showRemaining={running} />
      {d.provisional ? <Text className="deadline__provisional">{m.provisional}</Text> : null}
      <Text className="small-print">{m.basis(d.article)}</Text>
      {d.explanation.length > 0 ? (
        <View className="deadline__why">
          <View
            className="link-button"
            aria-expanded={open ? 'true' : 'false'}
            onClick={() => setOpen((v) => !v)}
          >
            <Text>{open ? m.hideWhy : m.why}</Text>
            <Text className="link-button__arrow" aria-hidden>
              {open ? '▲' : '▼'}
            </Text>
          </View>
          {open ? (
            <View className="deadline__lines">
              {d.explanation.map((line, i) => (
                <Text key={i} className="deadline__line">
                  {line}
                </Text>
              ))}
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
