import { useEffect, useState } from 'react';
import { Button as TaroButton, Text, View } from '@tarojs/components';
import { messages } from '../messages';
import { PRIVACY_AGREE_BUTTON_ID, privacy } from '../platform';
import { Button } from './nutui';

const m = messages.privacyPopup;

/**
 * Mini-program only: WeChat asks for privacy agreement when a privacy-relevant API runs (photos, the map)
 * and the resident has not agreed yet — e.g. after clearing WeChat's data. Pages that show the notice
 * themselves (the consent screen) take precedence.
 */
export function PrivacyPopup() {
  const [open, setOpen] = useState(false);
  useEffect(
    () =>
      privacy.onNeed(() => {
        if (privacy.hasInlineHost()) return;
        privacy.exposed();
        setOpen(true);
      }),
    [],
  );
  if (!open) return null;
  const close = () => setOpen(false);
  return (
    <View className="privacy-popup">
      <View className="privacy-popup__sheet">
        <Text className="card__title">{m.title}</Text>
        <Text>{m.text}</Text>
        <View className="link-button" onClick={() => privacy.openContract()}>
          <Text>{m.view}</Text>
        </View>
        <TaroButton
          id={`${PRIVACY_AGREE_BUTTON_ID}-popup`}
          className="native-primary-button"
          openType="agreePrivacyAuthorization"
          onAgreePrivacyAuthorization={() => {
            privacy.agree(`${PRIVACY_AGREE_BUTTON_ID}-popup`);
            close();
          }}
        >
          {m.agree}
        </TaroButton>
        <Button
          className="big-button"
          type="default"
          size="large"
          block
          onClick={() => {
            privacy.disagree();
            close();
          }}
        >
          {m.disagree}
        </Button>
      </View>
    </View>
  );
}
