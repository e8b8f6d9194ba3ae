import { useState } from 'react';
import { invalidate, useQuery } from '../../api/query';
import Taro, { useRouter } from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';
import { ErrorNotice } from '../../components/error-notice';
import { Button, Input, TextArea } from '../../components/nutui';
import { leaderMessages as m } from '../../messages/leader';
import { ROLE } from '../../utils/a11y';
import { formatChinaDate, formatChinaDateTime } from '../../utils/dates';
import { messages } from '../../messages';
import { offered } from '../../utils/case-view';
import { leaderApi } from '../api';
import { chinaToday } from '../period';
import '../leader.scss';
import { button, heading, role } from '../a11y';

const inDays = (n: number) => chinaToday(new Date(Date.now() + n * 86_400_000));

/** A case read-only (personal data masked by the server), with 督办 and 包案 when the rules allow them. */
export default function LeaderCasePage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const q = useQuery(id ? ['caseDetail', id] : null, () => leaderApi.caseDetail(id));
  const c = q.data ?? null;
  const [writeError, setError] = useState<unknown>(null);
  const error = writeError ?? q.error;
  const [note, setNote] = useState('');
  const [due, setDue] = useState(inDays(7));
  const [chargeNote, setChargeNote] = useState('');
  const [hint, setHint] = useState('');
  const [busy, setBusy] = useState(false);

  const act = async (f: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await f();
      void Taro.showToast({ title: done, icon: 'success' });
      setNote('');
      setChargeNote('');
      await q.reload();
      void invalidate('leaderCases', 'overview');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const supervise = () => {
    if (!note.trim()) return setHint(m.caseView.noteRequired);
    if (!due) return setHint(m.caseView.dueRequired);
    setHint('');
    void act(() => leaderApi.supervise(c!.id, c!.version, note.trim(), due), m.caseView.superviseDone);
  };

  const superviseOffer = c ? offered(c, 'supervise') : undefined;
  const takeChargeOffer = c ? offered(c, 'takeCharge') : undefined;

  return (
    <PageShell className="leader-page">
      <View className="leader">
        <ErrorNotice error={error} />
        {c ? (
          <>
            <View className="card">
              <Text className="case-row__number">{c.number}</Text>
              <Text className="page-title" {...heading(1)}>
                {c.title}
              </Text>
              <Text className="badge">{c.stateLabel}</Text>
              <Text className="small-print">{m.caseView.readOnly}</Text>
              <View className="row">
                <Text>{m.caseView.currentUnit}</Text>
                <Text>{c.currentUnit.name}</Text>
              </View>
              {c.firstReceiver ? (
                <View className="row">
                  <Text>{m.caseView.firstReceiver}</Text>
                  <Text>{c.firstReceiver.name}</Text>
                </View>
              ) : null}
              <View className="row">
                <Text>{m.caseView.petitioner}</Text>
                <Text>
                  {c.petitioner.name}
                  {c.petitioner.phone ? ` ${c.petitioner.phone}` : ''}
                </Text>
              </View>
              {c.accusedHidden ? <Text className="small-print">{m.caseView.hiddenAccused}</Text> : null}
            </View>
            <View className="card">
              <Text className="card__title">{m.caseView.request}</Text>
              <Text className="prose">{c.content.request}</Text>
              <Text className="card__subtitle">{m.caseView.facts}</Text>
              <Text className="prose">{c.content.facts}</Text>
            </View>
            {c.deadlines.length ? (
              <View className="card">
                <Text className="card__title">{m.caseView.deadlines}</Text>
                {c.deadlines.map((d) => (
                  <View key={`${d.clock}-${d.startedAt}`} className="row">
                    <Text>{d.label}</Text>
                    <Text className={d.overdue ? 'text-alert' : ''}>
                      {formatChinaDate(d.due)}
                      {d.overdue ? ` · ${m.drill.overdue}` : ''}
                    </Text>
                  </View>
                ))}
              </View>
            ) : null}

            {superviseOffer ? (
              <View className="card" data-testid="supervise-form">
                <Text className="card__title">{superviseOffer.label}</Text>
                <Text className="small-print">{messages.basis(superviseOffer.article)}</Text>
                <Text className="field-label">{m.caseView.superviseNote}</Text>
                <TextArea
                  value={note}
                  onChange={setNote}
                  placeholder={m.caseView.superviseNotePlaceholder}
                  maxLength={1000}
                  aria-label={m.caseView.superviseNote}
                />
                <Text className="field-label">{m.caseView.superviseDue}</Text>
                <Picker
                  mode="date"
                  value={due}
                  start={chinaToday()}
                  onChange={(e) => setDue(String(e.detail.value))}
                >
                  <View className="date-field" {...button} aria-label={`${m.caseView.superviseDue} ${due}`}>
                    <Text>{due}</Text>
                  </View>
                </Picker>
                {hint ? (
                  <Text className="field-error" {...ROLE.alert}>
                    {hint}
                  </Text>
                ) : null}
                <Button type="primary" block loading={busy} onClick={supervise}>
                  {m.caseView.superviseSubmit}
                </Button>
              </View>
            ) : null}

            {takeChargeOffer ? (
              <View className="card">
                <Text className="card__title">{takeChargeOffer.label}</Text>
                <Text className="small-print">{messages.basis(takeChargeOffer.article)}</Text>
                <Input
                  value={chargeNote}
                  onChange={setChargeNote}
                  placeholder={m.caseView.takeChargeNote}
                  aria-label={m.caseView.takeChargeNote}
                />
                <Button
                  block
                  loading={busy}
                  onClick={() =>
                    void act(
                      () => leaderApi.takeCharge(c.id, c.version, chargeNote.trim()),
                      m.caseView.takeChargeDone,
                    )
                  }
                >
                  {m.caseView.takeChargeSubmit}
                </Button>
              </View>
            ) : null}

            <View className="card">
              <Text className="card__title">{m.caseView.timeline}</Text>
              <View {...role('list')}>
                {[...c.events].reverse().map((e, i) => (
                  <View key={`${e.at}-${i}`} className="timeline__item" {...ROLE.listitem}>
                    <Text className="small-print">{formatChinaDateTime(e.at)}</Text>
                    <Text>{e.summary}</Text>
                  </View>
                ))}
              </View>
            </View>
          </>
        ) : null}
      </View>
    </PageShell>
  );
}
