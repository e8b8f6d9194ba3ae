import { useEffect } from 'react';
import { Button as TaroButton, Text, View } from '@tarojs/components';
import { messages } from '../messages';
import { IS_WEAPP, PRIVACY_AGREE_BUTTON_ID, privacy } from '../platform';
import { Button } from './nutui';

const m = messages.consent;

interface Props {
  /** When absent the notice is only shown (from 我的), with no buttons. */
  onAgree?: () => void;
  onDisagree?: () => void;
  agreedText?: string;
}

/**
 * The personal-information notice (PIPL): what is collected, why, who sees it; 检举控告 never reaches the
 * accused. Shown before the first filing. In the mini-program its agree button is also WeChat's privacy
 * agree button (open-type agreePrivacyAuthorization), so the resident agrees once, not twice.
 */
export function ConsentView({ onAgree, onDisagree, agreedText }: Props) {
  useEffect(() => (onAgree ? privacy.hostInline() : undefined), [onAgree]);

  const agree = () => {
    privacy.agree(PRIVACY_AGREE_BUTTON_ID);
    onAgree?.();
  };

  return (
    <View className="consent">
      <View className="card">
        <Text className="card__title consent__title">{m.title}</Text>
        <Text className="consent__intro">{m.intro}</Text>
        {m.sections.map((s) => (
          <View key={s.key} className="consent__section">
            <Text className="consent__heading">{s.title}</Text>
            <Text className="consent__text">{s.text}</Text>
          </View>
        ))}
        <Text className="small-print">{m.basis}</Text>
        {IS_WEAPP ? (
          <View className="link-button" onClick={() => privacy.openContract()}>
            <Text>{m.viewInWechat}</Text>
          </View>
        ) : null}
        {agreedText ? <Text className="consent__agreed">{agreedText}</Text> : null}
      </View>
      {onAgree ? (
        <View className="consent__actions">
          {IS_WEAPP ? (
            <TaroButton
              id={PRIVACY_AGREE_BUTTON_ID}
              className="native-primary-button"
              openType="agreePrivacyAuthorization"
              onAgreePrivacyAuthorization={agree}
            >
              {m.agree}
            </TaroButton>
          ) : (
            <Button className="big-button" type="primary" size="large" block onClick={agree}>
              {m.agree}
            </Button>
          )}
          <Button
            className="big-button"
            type="default"
            size="large"
            block
            onClick={() => {
              privacy.disagree();
              onDisagree?.();
            }}
          >
            {m.disagree}
          </Button>
          <Text className="small-print consent__disagree-hint">{m.disagreeHint}</Text>
        </View>
      ) : null}
    </View>
  );
}
