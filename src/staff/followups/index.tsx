import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useQuery } from '../../api/query';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { staffMessages } from '../../messages/staff';
import { ROLE } from '../../utils/a11y';
import { formatChinaDateTime } from '../../utils/dates';
import { ROUTES } from '../../utils/routes';
import { uuid } from '../../utils/uuid';
import { staffApi, type FollowUpItem } from '../api';
import { Chips, optionsOf } from '../components/chips';
import { Button, Tabs, TextArea } from '../components/nutui';
import { StaffShell } from '../components/staff-shell';

const m = staffMessages.followups;
type Status = 'pending' | 'done';

/** Recording one call: reached or not, what was said, and how satisfied the petitioner is now. */
function CallForm({ item, onSaved }: { item: FollowUpItem; onSaved: () => void }) {
  const [outcome, setOutcome] = useState<'contacted' | 'unreachable' | null>(null);
  const [level, setLevel] = useState<'satisfied' | 'basic' | 'unsatisfied' | null>(null);
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(uuid());
  const save = async () => {
    const e: Record<string, string | undefined> = {};
    if (!outcome) e.outcome = m.outcomeRequired;
    if (outcome === 'contacted' && !level) e.level = m.levelRequired;
    if (summary.trim().length < 2) e.summary = staffMessages.register.required(m.notes);
    setErrors(e);
    if (Object.values(e).some(Boolean) || !outcome) return;
    setBusy(true);
    setError(null);
    try {
      await staffApi.recordFollowUp(item.case.id, {
        idempotencyKey: key.current,
        outcome,
        summary: summary.trim(),
        ...(outcome === 'contacted' && level ? { satisfactionAfter: level } : {}),
      });
      key.current = uuid();
      void Taro.showToast({ title: m.saved, icon: 'success' });
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="action-form" data-testid="follow-up-form">
      <Field label={m.outcome} required error={errors.outcome}>
        <Chips
          label={m.outcome}
          options={optionsOf<'contacted' | 'unreachable'>(m.outcomes)}
          value={outcome}
          onChange={setOutcome}
        />
      </Field>
      {outcome === 'contacted' ? (
        <Field label={m.levelAfter} required error={errors.level}>
          <Chips
            label={m.levelAfter}
            options={optionsOf<'satisfied' | 'basic' | 'unsatisfied'>(m.levels)}
            value={level}
            onChange={setLevel}
          />
        </Field>
      ) : null}
      <Field label={m.notes} required error={errors.summary} counter={`${summary.length}/1000`}>
        <TextArea
          className="field-textarea"
          value={summary}
          maxLength={1000}
          placeholder={m.notesPlaceholder}
          onChange={setSummary}
        />
      </Field>
      <ErrorNotice error={error} />
      <View className="action-form__buttons">
        <Button type="primary" size="large" loading={busy} onClick={() => void save()}>
          {m.record}
        </Button>
      </View>
    </View>
  );
}

/** 回访: cases rated 不满意, or answered and never rated, with each call's outcome recorded. */
export default function StaffFollowupsPage() {
  const [status, setStatus] = useState<Status>('pending');
  const q = useQuery(['followUps', status], () => staffApi.followUps(status), { keepPrevious: true });
  const { data, error } = q;
  const [open, setOpen] = useState<string | null>(null);
  const load = () => void q.reload();
  return (
    <StaffShell active="followups">
      <View className="staff-main" data-testid="followups">
        <Text className="staff-title">{m.heading}</Text>
        <Text className="staff-intro">{m.intro}</Text>
        <Tabs className="inbox-tabs" value={status} duration={0} onChange={(v) => setStatus(v as Status)}>
          <Tabs.TabPane value="pending" title={`${m.pending}（${data?.counts.pending ?? '…'}）`} />
          <Tabs.TabPane value="done" title={`${m.done}（${data?.counts.done ?? '…'}）`} />
        </Tabs>
        {error ? <ErrorNotice error={error} onRetry={load} /> : null}
        {data && data.items.length === 0 ? <Text className="empty-state">{m.empty}</Text> : null}
        <View {...ROLE.list}>
          {(data?.items ?? []).map((it) => (
            <View key={it.case.id} className="queue-item" {...ROLE.listitem} data-testid="follow-up-item">
              <View className="case-row__top">
                <Text className="queue-item__kind">{it.reasonLabel}</Text>
                <Text className="case-row__number">{it.case.number}</Text>
                <Text className="state-tag">{it.case.stateLabel}</Text>
              </View>
              <Text className="case-row__title">{it.case.title}</Text>
              <Text className="case-row__units">{`${it.case.currentUnit.name} · ${formatChinaDateTime(it.since)}`}</Text>
              {it.comment ? <Text className="case-row__units">{m.comment(it.comment)}</Text> : null}
              {it.calls.map((c, i) => (
                <Text key={i} className="note-item__meta">
                  {`${formatChinaDateTime(c.at)} · ${m.outcomes[c.outcome] ?? c.outcome}${
                    c.satisfactionAfter ? ` · ${m.levels[c.satisfactionAfter]}` : ''
                  } · ${c.summary}`}
                </Text>
              ))}
              <View className="action-form__buttons">
                {!it.done ? (
                  <Button type="primary" onClick={() => setOpen(open === it.case.id ? null : it.case.id)}>
                    {m.record}
                  </Button>
                ) : null}
                <Button
                  type="default"
                  onClick={() =>
                    void Taro.navigateTo({ url: `${ROUTES.staffCase}?id=${encodeURIComponent(it.case.id)}` })
                  }
                >
                  {staffMessages.inbox.open}
                </Button>
              </View>
              {open === it.case.id ? (
                <CallForm
                  item={it}
                  onSaved={() => {
                    setOpen(null);
                    load();
                  }}
                />
              ) : null}
            </View>
          ))}
        </View>
      </View>
    </StaffShell>
  );
}
