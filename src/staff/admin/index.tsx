import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { IS_H5 } from '../../platform/env';
import { Tabs } from '../components/nutui';
import { StaffShell } from '../components/staff-shell';
import { hasRole, useStaffSession } from '../hooks';
import { Calendar } from './calendar';
import { Categories } from './categories';
import { m } from './parts';
import { Profiles } from './profiles';
import { Units } from './units';
import { Users } from './users';

const TABS = ['units', 'users', 'categories', 'profiles', 'calendar'] as const;
type Tab = (typeof TABS)[number];

/**
 * Reference data an administrator keeps: units, users and roles, categories, rule profiles, calendar years.
 * Every write is the server's to judge (its Chinese refusal is shown as it is); destructive ones are
 * confirmed first; the table reloads after each success.
 */
export default function StaffAdminPage() {
  const session = useStaffSession();
  const [tab, setTab] = useState<Tab>('units');
  const isAdmin = hasRole(session, 'admin');
  return (
    <StaffShell active="admin">
      <View className="staff-main admin" data-testid="admin">
        <Text className="staff-title">{m.navTitle}</Text>
        {!IS_H5 ? <Text className="staff-intro">{m.h5Only}</Text> : null}
        {!isAdmin ? (
          <Text className="staff-intro">{m.notAdmin}</Text>
        ) : (
          <View>
            <Tabs className="inbox-tabs" value={tab} duration={0} onChange={(v) => setTab(v as Tab)}>
              {TABS.map((t) => (
                <Tabs.TabPane key={t} value={t} title={m.tabs[t]} />
              ))}
            </Tabs>
            {tab === 'units' ? <Units /> : null}
            {tab === 'users' ? <Users /> : null}
            {tab === 'categories' ? <Categories /> : null}
            {tab === 'profiles' ? <Profiles /> : null}
            {tab === 'calendar' ? <Calendar /> : null}
          </View>
        )}
      </View>
    </StaffShell>
  );
}
