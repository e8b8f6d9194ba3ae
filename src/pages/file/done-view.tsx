import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { DeadlineCard } from '../../components/deadline-card';
import { Button } from '../../components/nutui';
import { SubscribeButton } from '../../components/subscribe-button';
import { messages } from '../../messages';
import { ROLE } from '../../utils/a11y';
import { sortDeadlines } from '../../utils/case-view';
import type { SubmitOutcome } from '../../utils/draft';
import { ROUTES, caseDetailUrl } from '../../utils/routes';

const f = messages.file;

/** After filing: the case number, who has it, and the first deadline with how it was counted. */
export function DoneView({ outcome }: { outcome: SubmitOutcome }) {
  const c = outcome.result.case;
  const first = sortDeadlines(c.deadlines).running[0];
  return (
    <View className="done">
      <View className="card done__head" {...ROLE.status}>
        <Text className="done__check" aria-hidden>
          ✓
        </Text>
        <Text className="done__title">{f.doneTitle}</Text>
        {outcome.result.replayed ? <Text className="done__replayed">{f.doneReplayed}</Text> : null}
        <View className="done__row">
          <Text className="done__label">{f.doneNumber}</Text>
          <Text className="done__number" selectable>
            {c.number}
          </Text>
        </View>
        <View className="done__row">
          <Text className="done__label">{f.doneUnit}</Text>
          <Text className="done__value">{c.currentUnit.name}</Text>
        </View>
      </View>

      {outcome.result.notice ? (
        <View className="notice notice--info">
          <Text className="notice__text">{outcome.result.notice}</Text>
        </View>
      ) : null}

      {first ? (
        <View className="card">
          <Text className="card__title">{f.doneDeadline}</Text>
          <DeadlineCard deadline={first} />
          <Text className="done__next">{f.doneNext}</Text>
        </View>
      ) : null}

      <SubscribeButton moment="afterFiling" hint={messages.subscribe.afterFilingHint} />

      <View className="done__actions">
        <Button
          className="big-button"
          type="primary"
          size="large"
          block
          onClick={() => void Taro.redirectTo({ url: caseDetailUrl(c.id) })}
        >
          {f.doneView}
        </Button>
        <Button
          className="big-button"
          type="default"
          size="large"
          block
          onClick={() => void Taro.switchTab({ url: ROUTES.home })}
        >
          {f.doneHome}
        </Button>
      </View>
    </View>
  );
}
