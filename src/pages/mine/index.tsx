import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { logout } from '../../api/auth';
import { useSession } from '../../api/session';
import { Cell, CellGroup, Switch } from '../../components/nutui';
import { PageShell } from '../../components/page-shell';
import { useLargeText } from '../../hooks/use-large-text';
import { messages } from '../../messages';
import { IS_WEAPP } from '../../platform/env';
import { ROUTES, loginUrl } from '../../utils/routes';
import './index.scss';

const m = messages.mine;

export default function MinePage() {
  const [largeText, setLargeText] = useLargeText();
  const session = useSession();

  const onLogout = async () => {
    const res = await Taro.showModal({ content: m.logoutConfirm, confirmText: m.logout });
    if (res.confirm) await logout();
  };

  return (
    <PageShell className="mine">
      <CellGroup>
        {session ? (
          <Cell
            className="mine__login"
            title={m.loggedInAs(session.user.displayName)}
            description={session.user.phoneMasked}
          />
        ) : (
          <Cell
            className="mine__login"
            title={m.login}
            description={m.loginHint}
            clickable
            onClick={() => void Taro.navigateTo({ url: loginUrl(ROUTES.petitions) })}
          />
        )}
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
        <CellGroup title={m.privacyTitle}>
          <Cell
            title={m.privacyEntry}
            clickable
            onClick={() => void Taro.navigateTo({ url: ROUTES.privacy })}
          />
          {session && !IS_WEAPP ? <Cell title={m.logout} clickable onClick={() => void onLogout()} /> : null}
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
