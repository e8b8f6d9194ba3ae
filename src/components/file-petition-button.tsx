import Taro from '@tarojs/taro';
import { messages } from '../messages';
import { Button } from './nutui';

/**
 * The resident's main action. Filing is not built yet: say so honestly instead of opening a fake form.
 */
export function FilePetitionButton() {
  const onClick = () => {
    void Taro.showToast({ title: messages.actions.comingSoon, icon: 'none', duration: 2000 });
  };
  return (
    <Button className="file-petition-button" type="primary" size="xlarge" block onClick={onClick}>
      {messages.actions.filePetition}
    </Button>
  );
}
