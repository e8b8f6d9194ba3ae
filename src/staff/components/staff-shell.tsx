import type { PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { logout } from '../../api/auth';
import { PageShell } from '../../components/page-shell';
import { useDirectory } from '../../hooks/use-directory';
import { staffMessages } from '../../messages/staff';
import { ROUTES } from '../../utils/routes';
import { hasRole, useStaffSession } from '../hooks';
import { unitNameOf } from '../units';
import { Button } from './nutui';
import '../staff.scss';

const m = staffMessages;

type NavKey = 'inbox' | 'register' | 'approvals' | 'followups' | 'admin';

const NAV: { key: NavKey; url: string; roles: string[] }[] = [
  { key: 'inbox', url: ROUTES.staffHome, roles: ['clerk', 'handler', 'unit_head', 'leader'] },
  { key: 'register', url: ROUTES.staffRegister, roles: ['clerk'] },
  { key: 'approvals', url: ROUTES.staffApprovals, roles: ['unit_head'] },
  { key: 'followups', url: ROUTES.staffFollowups, roles: ['clerk', 'handler', 'unit_head'] },
  { key: 'admin', url: ROUTES.staffAdmin, roles: ['admin'] },
];

/** Moves between the workspace's sections without growing the page stack. */
export function goStaff(url: string): void {
  void Taro.redirectTo({ url });
}

function StaffLoginPrompt() {
  return (
    <View className="card staff-gate">
      <Text className="card__title">{m.login.loggedOut}</Text>
      <Button
        className="big-button"
        type="primary"
        size="large"
        onClick={() => void Taro.redirectTo({ url: ROUTES.staffLogin })}
      >
        {m.login.goLogin}
      </Button>
    </View>
  );
}

/**
 * Every staff page: the top bar (who is logged in, the sections their roles open, log out) and the page.
 * Without a staff session it shows only the way to the staff login.
 */
export function StaffShell({
  active,
  children,
  className,
}: PropsWithChildren<{ active?: NavKey; className?: string }>) {
  const session = useStaffSession();
  const { directory } = useDirectory();
  const user = session?.user;
  const unitName = unitNameOf(directory, user?.unitCode);
  const roles = user ? user.roles.map((r) => m.roles[r] ?? r).join('、') : '';
  return (
    <PageShell className={`staff ${className ?? ''}`}>
      {user ? (
        <View className="staff-bar">
          <View className="staff-bar__nav" role="navigation">
            {NAV.filter((n) => hasRole(session, ...n.roles)).map((n) => (
              <View
                key={n.key}
                className={`staff-bar__link ${active === n.key ? 'staff-bar__link--active' : ''}`}
                role="link"
                aria-current={active === n.key ? 'page' : undefined}
                onClick={() => active !== n.key && goStaff(n.url)}
              >
                <Text>{m.nav[n.key]}</Text>
              </View>
            ))}
          </View>
          <View className="staff-bar__user">
            <Text className="staff-bar__who">{m.nav.who(user.displayName, unitName, roles)}</Text>
            <View
              className="staff-bar__link"
              role="button"
              onClick={() => {
                void logout().then(() => Taro.redirectTo({ url: ROUTES.staffLogin }));
              }}
            >
              <Text>{m.nav.logout}</Text>
            </View>
          </View>
        </View>
      ) : null}
      {user ? children : <StaffLoginPrompt />}
    </PageShell>
  );
}
