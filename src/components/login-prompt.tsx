import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { messages } from '../messages';
import { loginUrl } from '../utils/routes';
import { Button } from './nutui';

/** Shown where a page needs a session the resident does not have (H5: phone + SMS login). */
export function LoginPrompt({ redirect, text }: { redirect?: string; text?: string }) {
  return (
    <View className="card login-prompt">
      <Text className="card__title">{messages.login.requiredTitle}</Text>
      <Text className="login-prompt__text">{text ?? messages.login.requiredText}</Text>
      <Button
        className="big-button"
        type="primary"
        size="large"
        block
        onClick={() => void Taro.navigateTo({ url: loginUrl(redirect) })}
      >
        {messages.login.goLogin}
      </Button>
    </View>
  );
}
