import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { messages } from '../messages';
import { subscribeMessages, type SubscribeMoment } from '../platform';
import { Button } from './nutui';

const TEXT: Record<SubscribeMoment, string> = {
  afterFiling: messages.subscribe.afterFiling,
  replyDue: messages.subscribe.replyDue,
};

/**
 * The opt-in for WeChat progress messages, offered at the moments they matter. Renders nothing where
 * there are no such messages (H5) or no template is configured yet. WeChat needs a tap to ask.
 */
export function SubscribeButton({ moment, hint }: { moment: SubscribeMoment; hint?: string }) {
  const [done, setDone] = useState(false);
  if (!subscribeMessages.supported(moment)) return null;
  const onClick = async () => {
    const outcome = await subscribeMessages.request(moment);
    const s = messages.subscribe;
    const title = outcome === 'accepted' ? s.accepted : outcome === 'rejected' ? s.rejected : s.failed;
    if (outcome === 'accepted') setDone(true);
    void Taro.showToast({ title, icon: 'none', duration: 2500 });
  };
  return (
    <View className="subscribe">
      <Button className="big-button" type="default" size="large" block disabled={done} onClick={onClick}>
        {done ? messages.subscribe.accepted : TEXT[moment]}
      </Button>
      {hint ? <Text className="small-print">{hint}</Text> : null}
    </View>
  );
}
