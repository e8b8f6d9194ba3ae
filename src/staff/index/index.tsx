import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Deadline } from '../../api/types';
import { DeadlineCard } from '../../components/deadline-card';
import { ErrorNotice } from '../../components/error-notice';
import { useDirectory } from '../../hooks/use-directory';
import { staffMessages } from '../../messages/staff';
import { ROLE } from '../../utils/a11y';
import { ROUTES } from '../../utils/routes';
import type { Inbox, InboxItem } from '../api';
import { CaseWorkspace } from '../components/case-workspace';
import { Button, Input, Menu, Tabs } from '../components/nutui';
import { StaffShell } from '../components/staff-shell';
import { useWide } from '../hooks';
import { INBOX_TABS, useInbox, type InboxFilters, type InboxTab } from '../inbox';

const m = staffMessages.inbox;
const f = staffMessages.filters;

/** The clock that sets the row's urgency, with the server's "为什么是这一天" one tap away. */
function ClockWhy({ clock }: { clock: NonNullable<InboxItem['clock']> }) {
  const deadline: Deadline = {
    ...clock,
    statutory: true,
    startedAt: '',
  };
  return (
    <View className="case-row__why" onClick={(e) => e.stopPropagation()}>
      <DeadlineCard deadline={deadline} />
    </View>
  );
}

function CaseRow({
  c,
  selected,
  onOpen,
}: {
  c: InboxItem;
  selected: boolean;
  onOpen: (c: InboxItem) => void;
}) {
  return (
    <View
      className={`case-row case-row--${c.urgency} ${selected ? 'case-row--selected' : ''}`}
      {...ROLE.listitem}
      data-testid="case-row"
      data-number={c.number}
    >
      <View
        className="case-row__main"
        role="button"
        aria-current={selected ? 'true' : undefined}
        onClick={() => onOpen(c)}
      >
        <View className="case-row__top">
          <Text className="case-row__number">{c.number}</Text>
          <Text className="state-tag">{c.stateLabel}</Text>
          <Text className="channel-tag">{staffMessages.channelShort[c.channel] ?? c.channel}</Text>
          {c.category ? <Text className="channel-tag">{staffMessages.categories[c.category]}</Text> : null}
          {selected ? <Text className="case-row__selected">▶ {m.selected}</Text> : null}
        </View>
        <Text className="case-row__title">{c.title}</Text>
        <Text className="case-row__units">
          {`${m.currentUnit(c.currentUnit.name)}${c.firstReceiver ? ` · ${m.firstReceiver(c.firstReceiver.name)}` : ''}`}
        </Text>
      </View>
      {c.pending.extension || c.pending.objection || c.pending.replyDraft ? (
        <Text className="case-row__units">
          {[
            c.pending.objection ? m.pendingObjection : '',
            c.pending.extension ? m.pendingExtension : '',
            c.pending.replyDraft === 'pending' ? m.pendingDraft : '',
            c.pending.replyDraft === 'returned' ? m.returnedDraft : '',
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      ) : null}
      {c.clock ? <ClockWhy clock={c.clock} /> : <Text className="small-print">{m.noClock}</Text>}
    </View>
  );
}

function Filters({
  value,
  states,
  onChange,
}: {
  value: InboxFilters;
  states: Inbox['states'];
  onChange: (f: InboxFilters) => void;
}) {
  const { directory } = useDirectory();
  const [text, setText] = useState(value.q ?? '');
  const units = useMemo(() => (directory?.groups ?? []).flatMap((g) => g.units), [directory]);
  const opts = (label: string, table: Record<string, string>) => [
    { text: `${label}：${f.any}`, value: '' },
    ...Object.entries(table).map(([k, v]) => ({ text: `${label}：${v}`, value: k })),
  ];
  const unitOpts = (label: string) => [
    { text: `${label}：${f.any}`, value: '' },
    ...units.map((u) => ({ text: u.name, value: u.id })),
  ];
  const set = (key: keyof InboxFilters) => (o: { value: string | number }) =>
    onChange({ ...value, [key]: o.value === '' ? undefined : String(o.value) });
  const subjectOpts = [
    { text: `${f.subject}：${f.any}`, value: '' },
    ...(directory?.subjects ?? []).map((sub) => ({ text: sub.name, value: sub.code })),
  ];
  const scope = value.view === 'supervising' ? 'supervising' : value.only === 'all' ? 'all' : 'actionable';
  const setScope = (o: { value: string | number }) =>
    onChange({
      ...value,
      view: o.value === 'supervising' ? 'supervising' : undefined,
      only: o.value === 'all' ? 'all' : undefined,
    });
  const active = Object.entries(value).filter(
    ([k, v]) => v !== undefined && v !== '' && k !== 'view' && k !== 'only',
  ).length;
  return (
    <View className="filters" data-testid="filters">
      <Menu className="filters__menu">
        <Menu.Item
          options={Object.entries(f.scopes).map(([k, v]) => ({ text: v, value: k }))}
          value={scope}
          onChange={setScope}
        />
        <Menu.Item
          options={[
            { text: `${f.state}：${f.any}`, value: '' },
            ...states.map((st) => ({ text: `${f.state}：${st.label}`, value: st.value })),
          ]}
          value={value.state ?? ''}
          onChange={set('state')}
        />
        <Menu.Item
          options={opts(f.channel, staffMessages.channels)}
          value={value.channel ?? ''}
          onChange={set('channel')}
        />
        <Menu.Item
          options={opts(f.category, staffMessages.categories)}
          value={value.category ?? ''}
          onChange={set('category')}
        />
      </Menu>
      <Menu className="filters__menu">
        <Menu.Item options={subjectOpts} value={value.subject ?? ''} onChange={set('subject')} />
        <Menu.Item options={unitOpts(f.unit)} value={value.unit ?? ''} onChange={set('unit')} />
        <Menu.Item
          options={unitOpts(f.firstReceiver)}
          value={value.firstReceiver ?? ''}
          onChange={set('firstReceiver')}
        />
      </Menu>
      <View className="filters__search">
        <View className="filters__group">
          <Text className="filters__label">{f.text}</Text>
          <Input
            className="field-input filters__text"
            value={text}
            placeholder={f.textPlaceholder}
            maxLength={50}
            onChange={setText}
            onConfirm={() => onChange({ ...value, q: text.trim() || undefined })}
          />
        </View>
        <Button type="primary" onClick={() => onChange({ ...value, q: text.trim() || undefined })}>
          {f.search}
        </Button>
        {active > 0 ? (
          <Button
            type="default"
            onClick={() => {
              setText('');
              onChange({ view: value.view, only: value.only });
            }}
          >
            {`${f.clear}（${f.active(active)}）`}
          </Button>
        ) : null}
      </View>
    </View>
  );
}

export default function StaffInboxPage() {
  const wide = useWide();
  const [filters, setFilters] = useState<InboxFilters>({});
  const [tab, setTab] = useState<InboxTab>('overdue');
  const [selected, setSelected] = useState<string | null>(null);
  const inbox = useInbox(tab, filters);
  const list = inbox.items;

  const open = (c: InboxItem) => {
    if (wide) setSelected(c.id);
    else void Taro.navigateTo({ url: `${ROUTES.staffCase}?id=${encodeURIComponent(c.id)}` });
  };

  return (
    <StaffShell active="inbox">
      <View className="staff-main">
        <View className={`inbox-split ${wide ? 'inbox-split--wide' : ''}`}>
          <View className="inbox-pane" data-testid="inbox">
            <Tabs className="inbox-tabs" value={tab} duration={0} onChange={(v) => setTab(v as InboxTab)}>
              {INBOX_TABS.map((t) => (
                <Tabs.TabPane
                  key={t}
                  value={t}
                  title={m.tabWithCount(m.tabs[t] ?? t, inbox.counts ? inbox.counts[t] : null)}
                />
              ))}
            </Tabs>
            <Filters value={filters} states={inbox.states} onChange={(v) => setFilters(v)} />
            <View className="inbox-meta">
              <Text>{m.countsNote}</Text>
              <View className="link-button" onClick={inbox.reload}>
                <Text>{m.refresh}</Text>
              </View>
            </View>
            {inbox.error ? <ErrorNotice error={inbox.error} onRetry={inbox.reload} /> : null}
            {inbox.loading && inbox.items.length === 0 ? <Text className="loading">{m.loading}</Text> : null}
            {!inbox.loading && list.length === 0 ? (
              <Text className="empty-state">{tab === 'all' ? m.emptyAll : m.empty}</Text>
            ) : null}
            <View {...ROLE.list} aria-label={m.tabs[tab]}>
              {list.map((c) => (
                <CaseRow key={c.id} c={c} selected={wide && selected === c.id} onOpen={open} />
              ))}
            </View>
            {inbox.total > list.length ? (
              <Button type="default" block loading={inbox.loading} onClick={inbox.more}>
                {`${m.loadMore}（${list.length}/${inbox.total}）`}
              </Button>
            ) : null}
          </View>
          {wide ? (
            <View className="detail-pane" data-testid="detail-pane">
              {selected ? (
                <CaseWorkspace id={selected} onChanged={inbox.reload} />
              ) : (
                <Text className="empty-state">{m.selectHint}</Text>
              )}
            </View>
          ) : null}
        </View>
      </View>
    </StaffShell>
  );
}
