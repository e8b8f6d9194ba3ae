import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Cell, CellGroup, Switch } from '../../components/nutui';
import { PageShell } from '../../components/page-shell';
import { useLargeText } from '../../hooks/use-large-text';
import { messages } from '../../messages';
import { ROUTES } from '../../utils/routes';
import './index.scss';

const m = messages.mine;

export default function MinePage() {
  const [largeText, setLargeText] = useLargeText();

  const onLogin = () => {
    void Taro.showToast({ title: m.loginComingSoon, icon: 'none', duration: 2000 });
  };

  return (
    <PageShell className="mine">
      <CellGroup>
        <Cell className="mine__login" title={m.login} description={m.loginHint} clickable onClick={onLogin} />
      </CellGroup>

      <View className="mine__section">
        <CellGroup title={m.settingsTitle}>
          <Cell
            title={m.largeText}
            description={m.largeTextHint}
            align="center"
            extra={<Switch checked={largeText} onChange={setLargeText} ariaLabel={m.largeText} />}
          />
        </CellGroup>
      </View>

      <View className="mine__section">
        <CellGroup title={m.workTitle}>
          <Cell
            title={m.staffEntry}
            clickable
            onClick={() => void Taro.navigateTo({ url: ROUTES.staffHome })}
          />
          <Cell
            title={m.leaderEntry}
            clickable
            onClick={() => void Taro.navigateTo({ url: ROUTES.leaderHome })}
          />
        </CellGroup>
      </View>
    </PageShell>
  );
}
