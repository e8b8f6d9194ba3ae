import Taro from '@tarojs/taro';
import { messages } from '../messages';
import { ROUTES } from '../utils/routes';
import { Button } from './nutui';

/** The resident's main action: 我要反映 opens the guided filing form (consent and login come first there). */
export function FilePetitionButton() {
  return (
    <Button
      className="file-petition-button"
      type="primary"
      size="xlarge"
      block
      onClick={() => void Taro.navigateTo({ url: ROUTES.file })}
    >
      {messages.actions.filePetition}
    </Button>
  );
}
