import { useEffect, useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { ErrorNotice } from '../../components/error-notice';
import { staffMessages } from '../../messages/staff';
import { IS_H5 } from '../../platform/env';
import { formatChinaDateTime } from '../../utils/dates';
import { staffApi } from '../api';
import { Button, Input, Table, Tabs } from '../components/nutui';
import { StaffShell } from '../components/staff-shell';
import { hasRole, useStaffSession } from '../hooks';

const m = staffMessages.admin;
const TABS = ['units', 'users', 'categories', 'profiles', 'calendar'] as const;
type Tab = (typeof TABS)[number];

type Row = Record<string, ReactNode>;

function useLoad<T>(
  load: () => Promise<T>,
  deps: unknown[],
): { data: T | null; error: unknown; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    load()
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, n]);
  return { data, error, reload: () => setN((x) => x + 1) };
}

function Grid({
  columns,
  rows,
  testId,
}: {
  columns: { key: string; title: string }[];
  rows: Row[];
  testId: string;
}) {
  return (
    <View className="admin-table" data-testid={testId}>
      <Text className="small-print">{m.count(rows.length)}</Text>
      <Table columns={columns} data={rows} bordered striped />
    </View>
  );
}

const yesNo = (b: boolean) => (b ? `✓ ${m.yes}` : m.no);

function Units() {
  const { data, error, reload } = useLoad(() => staffApi.adminUnits(), []);
  if (error) return <ErrorNotice error={error} onRetry={reload} />;
  if (!data) return <Text className="loading">{staffMessages.inbox.loading}</Text>;
  return (
    <Grid
      testId="admin-units"
      columns={[
        { key: 'name', title: m.unitName },
        { key: 'code', title: m.unitCode },
        { key: 'kind', title: m.unitKind },
        { key: 'region', title: m.region },
        { key: 'profile', title: m.profile },
        { key: 'status', title: m.status },
      ]}
      rows={data.units.map((u) => ({
        // The tree: each unit follows its parent, indented by its depth.
        name: `${'　'.repeat(u.depth)}${u.depth > 0 ? '└ ' : ''}${u.name}`,
        code: u.code,
        kind: u.kind,
        region: u.regionCode,
        profile: u.profileId,
        status: u.active ? `✓ ${m.active}` : m.inactive,
      }))}
    />
  );
}

function Users() {
  const [unit, setUnit] = useState('');
  const [query, setQuery] = useState('');
  const { data, error, reload } = useLoad(
    () => staffApi.adminUsers({ ...(unit ? { unitCode: unit } : {}), limit: 200 }),
    [unit],
  );
  return (
    <View>
      <View className="filters">
        <View className="filters__group">
          <Text className="filters__label">{m.filterUnit}</Text>
          <Input className="field-input" value={query} placeholder="jd-zjj" onChange={setQuery} />
        </View>
        <Button type="primary" onClick={() => setUnit(query.trim())}>
          {staffMessages.filters.search}
        </Button>
      </View>
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {data ? (
        <Grid
          testId="admin-users"
          columns={[
            { key: 'displayName', title: m.displayName },
            { key: 'username', title: m.username },
            { key: 'roles', title: m.roles },
            { key: 'unit', title: m.unit },
            { key: 'totp', title: m.totp },
            { key: 'status', title: m.status },
          ]}
          rows={data.items.map((u) => ({
            displayName: u.displayName,
            username: u.username ?? u.phoneMasked ?? '',
            roles: u.roles.map((r) => staffMessages.roles[r] ?? r).join('、'),
            unit: u.unitCode ?? '',
            totp: u.totpEnrolled ? `✓ ${m.totpYes}` : m.totpNo,
            status: `${u.status === 'active' ? `✓ ${m.active}` : m.inactive}${u.locked ? ` · ${m.locked}` : ''}`,
          }))}
        />
      ) : null}
    </View>
  );
}

function Categories() {
  const { data, error, reload } = useLoad(() => staffApi.adminCategories(), []);
  if (error) return <ErrorNotice error={error} onRetry={reload} />;
  if (!data) return <Text className="loading">{staffMessages.inbox.loading}</Text>;
  return (
    <Grid
      testId="admin-categories"
      columns={[
        { key: 'name', title: m.categoryName },
        { key: 'code', title: m.categoryCode },
        { key: 'parent', title: m.categoryParent },
        { key: 'status', title: m.status },
      ]}
      rows={data.categories.map((c) => ({
        name: `${c.parentCode ? '　└ ' : ''}${c.name}`,
        code: c.code,
        parent: c.parentCode ?? '',
        status: c.active ? `✓ ${m.active}` : m.inactive,
      }))}
    />
  );
}

function Profiles() {
  const { data, error, reload } = useLoad(() => staffApi.adminProfiles(), []);
  if (error) return <ErrorNotice error={error} onRetry={reload} />;
  if (!data) return <Text className="loading">{staffMessages.inbox.loading}</Text>;
  return (
    <Grid
      testId="admin-profiles"
      columns={[
        { key: 'name', title: m.profileName },
        { key: 'id', title: m.profileId },
        { key: 'version', title: m.profileVersion },
        { key: 'source', title: m.profileSource },
        { key: 'latest', title: m.profileLatest },
        { key: 'builtin', title: m.profileBuiltin },
        { key: 'cases', title: m.casesUsing },
        { key: 'units', title: m.unitsBound },
      ]}
      rows={data.profiles.map((p) => ({
        name: p.name,
        id: p.id,
        version: String(p.version),
        source: p.source,
        latest: yesNo(p.latest),
        builtin: yesNo(p.builtin),
        cases: String(p.casesUsing),
        units: String(p.unitsBound),
      }))}
    />
  );
}

function Calendar() {
  const { data, error, reload } = useLoad(() => staffApi.adminCalendar(), []);
  if (error) return <ErrorNotice error={error} onRetry={reload} />;
  if (!data) return <Text className="loading">{staffMessages.inbox.loading}</Text>;
  return (
    <View>
      <Text className="staff-intro">{m.coverage(data.from, data.to)}</Text>
      <Grid
        testId="admin-calendar"
        columns={[
          { key: 'year', title: m.year },
          { key: 'origin', title: m.origin },
          { key: 'holidays', title: m.holidays },
          { key: 'workdays', title: m.workdays },
          { key: 'loaded', title: m.origin },
        ]}
        rows={data.years.map((y) => ({
          year: String(y.year),
          origin: m.origins[y.origin] ?? y.origin,
          holidays: String(y.holidays),
          workdays: String(y.workdays),
          loaded: y.loadedAt ? `${y.source ?? ''} ${formatChinaDateTime(y.loadedAt)}` : (y.source ?? ''),
        }))}
      />
    </View>
  );
}

/** Reference data an administrator keeps: units, users and roles, categories, rule profiles, calendar years. */
export default function StaffAdminPage() {
  const session = useStaffSession();
  const [tab, setTab] = useState<Tab>('units');
  const isAdmin = hasRole(session, 'admin');
  return (
    <StaffShell active="admin">
      <View className="staff-main" data-testid="admin">
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
