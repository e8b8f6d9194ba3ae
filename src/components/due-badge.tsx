import { Text, View } from '@tarojs/components';
import { messages } from '../messages';
import { describeDue } from '../utils/dates';

interface Props {
  due: string;
  overdue?: boolean;
  now?: Date;
  /** Also say how many days are left ("还有3天"). */
  showRemaining?: boolean;
}

/** "12月8日前 · 还有3天"; overdue adds a "!" mark and the words 已超期 (never colour alone). */
export function DueBadge({ due, overdue, now, showRemaining = true }: Props) {
  const info = describeDue(due, now ?? new Date(), overdue);
  return (
    <View className={`due due--${info.urgency}`}>
      {info.overdue ? (
        <Text className="due__flag">
          <Text className="due__icon" aria-hidden>
            !
          </Text>
          {messages.petitions.overdue}
        </Text>
      ) : null}
      <Text className="due__date">{info.dateText}</Text>
      {showRemaining ? <Text className="due__remaining">{info.remainingText}</Text> : null}
    </View>
  );
}
