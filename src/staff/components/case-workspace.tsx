import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { ApiError, isApiError } from '../../api/errors';
import { invalidate, useQuery } from '../../api/query';
import type { OfferedAction } from '../../api/types';
import { DeadlineCard } from '../../components/deadline-card';
import { ErrorNotice } from '../../components/error-notice';
import { useDirectory } from '../../hooks/use-directory';
import { staffMessages } from '../../messages/staff';
import { ROLE } from '../../utils/a11y';
import { sortDeadlines } from '../../utils/case-view';
import { formatChinaDateTime } from '../../utils/dates';
import { uuid } from '../../utils/uuid';
import { staffApi, staffEndpoints, withId, type StaffAction } from '../api';
import { useStaffSession } from '../hooks';
import { openProtectedFile } from '../../platform/open-file';
import { unitNameOf } from '../units';
import { ActionForm, hasForm } from './action-forms';
import { DocumentsSection } from './documents';
import { Button, Step, Steps, TextArea } from './nutui';

const m = staffMessages.caseView;
type Offered = OfferedAction['type'];

function Kv({ k, v, testId }: { k: string; v: string; testId?: string }) {
  return (
    <View className="kv" data-testid={testId}>
      <Text className="kv__key">{k}</Text>
      <Text className="kv__value">{v}</Text>
    </View>
  );
}

/** The actions offered now, one button each, named as the server names them. */
export function ActionButtons({
  offers,
  open,
  onToggle,
}: {
  offers: OfferedAction[];
  open: Offered | null;
  onToggle: (type: Offered) => void;
}) {
  return (
    <View className="action-buttons">
      {offers.map((a) => (
        <Button
          key={a.type}
          type={open === a.type ? 'primary' : 'default'}
          className={`action-button action-button--${a.type}`}
          aria-expanded={open === a.type ? 'true' : 'false'}
          onClick={() => onToggle(a.type)}
        >
          {`${open === a.type ? '▼ ' : ''}${a.label}`}
        </Button>
      ))}
    </View>
  );
}

interface Outcome {
  kind: 'done' | 'gone';
  text: string;
}

/**
 * One case as staff work it: the facts, the clocks with "为什么是这一天", exactly the actions the server
 * says this user may take now (each with its form and article), attachments, internal notes and the
 * timeline. Every action goes with the version seen; a 409 reloads, a refusal shows its article.
 */
export function CaseWorkspace({
  id,
  onChanged,
  compact,
}: {
  id: string;
  /** The list should refresh (state, clocks or visibility changed). */
  onChanged?: () => void;
  compact?: boolean;
}) {
  const session = useStaffSession();
  const { directory } = useDirectory();
  const query = useQuery(['caseDetail', id], () => staffApi.caseDetail(id));
  const c = query.data ?? null;
  const { error: loadError, reload: load, set: setC } = query;
  const [actionError, setActionError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [open, setOpen] = useState<Offered | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const [noteBusy, setNoteBusy] = useState(false);
  const [noteError, setNoteError] = useState<unknown>(null);
  const noteKey = useRef(uuid());

  useEffect(() => {
    setOpen(null);
    setOutcome(null);
    setActionError(null);
  }, [id]);

  const act = async (offer: OfferedAction, action: StaffAction) => {
    if (!c) return;
    setBusy(true);
    setActionError(null);
    setOutcome(null);
    const label = offer.label;
    try {
      const res = await staffApi.act(c.id, c.version, action);
      setOpen(null);
      if (res.case) {
        setC(res.case);
        setOutcome({ kind: 'done', text: m.done(label) });
      } else {
        setOutcome({ kind: 'gone', text: m.gone });
      }
      // Lists, queues and documents that show this case are stale now.
      void invalidate('approvals', 'followUps', 'documents', 'caseDocuments');
      onChanged?.();
    } catch (err) {
      if (isApiError(err) && err.status === 409) {
        await load();
        setActionError(new ApiError('http', m.conflict, { status: 409 }));
      } else setActionError(err);
    } finally {
      setBusy(false);
    }
  };

  const addNote = async () => {
    if (!c || !note.trim()) return;
    setNoteBusy(true);
    setNoteError(null);
    try {
      setC(await staffApi.addNote(c.id, noteKey.current, note.trim()));
      setNote('');
      noteKey.current = uuid();
    } catch (err) {
      setNoteError(err);
    } finally {
      setNoteBusy(false);
    }
  };

  if (outcome?.kind === 'gone') {
    return (
      <View className="ws">
        <View className="notice notice--done" {...ROLE.status}>
          <View className="notice__head">
            <Text className="notice__icon" aria-hidden>
              ✓
            </Text>
            <Text className="notice__title">{outcome.text}</Text>
          </View>
        </View>
      </View>
    );
  }
  if (loadError) {
    return (
      <View className="ws">
        <ErrorNotice error={loadError} onRetry={() => void load()} />
      </View>
    );
  }
  if (!c) return <Text className="loading">{staffMessages.inbox.loading}</Text>;

  const { running, ended } = sortDeadlines(c.deadlines);
  const offered = c.availableActions.filter(hasForm);
  const openOffer = offered.find((a) => a.type === open);
  const unitName = (uid: string | null | undefined) => unitNameOf(directory, uid);

  return (
    <View className={`ws ${compact ? 'ws--compact' : ''}`} data-testid="workspace">
      <View className="ws-head">
        <View className="case-row__top">
          <Text className="case-row__number">{c.number}</Text>
          <Text className="state-tag" data-testid="ws-state">
            {c.stateLabel}
          </Text>
          <Text className="channel-tag">{staffMessages.channels[c.channel] ?? c.channel}</Text>
          {c.firstTime ? <Text className="channel-tag">{m.firstTime}</Text> : null}
        </View>
        <Text className="ws-head__title">{c.title}</Text>
        <View className="ws-grid">
          <Kv
            k={m.category}
            v={
              c.category
                ? (staffMessages.categories[c.category] ?? c.category)
                : staffMessages.categoryPending
            }
          />
          <Kv k={m.receivedAt} v={formatChinaDateTime(c.receivedAt)} />
          <Kv k={m.firstReceiver} v={c.firstReceiver?.name ?? ''} testId="ws-first-receiver" />
          <Kv k={m.currentUnit} v={c.currentUnit.name} testId="ws-current-unit" />
          {c.handlingUnit ? <Kv k={m.handlingUnit} v={c.handlingUnit.name} /> : null}
          <Kv k={m.viewBasis} v={c.viewBasis} />
        </View>
        {c.supervising ? <Text className="small-print">{m.supervising}</Text> : null}
        {c.repeatOf ? <Text className="small-print">{m.repeatOf(c.repeatOf.number)}</Text> : null}
      </View>

      {outcome?.kind === 'done' ? (
        <View className="notice notice--done" {...ROLE.status} data-testid="action-done">
          <View className="notice__head">
            <Text className="notice__icon" aria-hidden>
              ✓
            </Text>
            <Text className="notice__title">{outcome.text}</Text>
          </View>
        </View>
      ) : null}
      {actionError ? (
        <View data-testid="action-error">
          <ErrorNotice error={actionError} />
        </View>
      ) : null}

      <View className="section section--actions" data-testid="actions">
        <Text className="section__title">{m.actionsTitle}</Text>
        {offered.length === 0 ? (
          <Text className="section__note">{m.actionsNone}</Text>
        ) : (
          <View>
            <Text className="section__note">{m.actionsNote}</Text>
            <ActionButtons
              offers={offered}
              open={open}
              onToggle={(type) => {
                setActionError(null);
                setOpen(open === type ? null : type);
              }}
            />
          </View>
        )}
        {openOffer ? (
          <ActionForm
            key={`${openOffer.type}-${c.version}`}
            offer={openOffer}
            c={c}
            userId={session?.user.id ?? ''}
            busy={busy}
            onSubmit={(a) => void act(openOffer, a)}
            onCancel={() => setOpen(null)}
          />
        ) : null}
      </View>

      <View className="section" data-testid="deadlines">
        <Text className="section__title">{m.deadlinesTitle}</Text>
        {c.deadlines.length === 0 ? <Text className="section__note">{m.deadlinesEmpty}</Text> : null}
        {[...running, ...ended].map((d) => (
          <DeadlineCard key={`${d.clock}-${d.startedAt}`} deadline={d} />
        ))}
        {c.extension ? (
          <View className="kv">
            <Text className="kv__key">{m.extensionTitle}</Text>
            <Text className="kv__value">
              {`${m.extensionStatus[c.extension.status] ?? c.extension.status}：${m.extensionLine(
                c.extension.approvedDays ?? c.extension.requestedDays,
                c.extension.reason,
              )}`}
            </Text>
          </View>
        ) : null}
      </View>

      <DocumentsSection caseId={c.id} version={c.version} />

      <View className="section">
        <Text className="section__title">{m.contentTitle}</Text>
        <Kv k={m.request} v={c.content.request} />
        <Kv k={m.facts} v={c.content.facts} />
        {c.content.reasons ? <Kv k={m.reasons} v={c.content.reasons} /> : null}
        {c.content.location ? <Kv k={m.location} v={c.content.location.address} /> : null}
        {c.accused ? (
          <Kv k={m.accused} v={[c.accused.unit?.name, ...c.accused.names].filter(Boolean).join('、')} />
        ) : null}
        {c.proposal ? (
          <Kv
            k={m.proposal}
            v={staffMessages.actions.proposalLine(
              c.proposal.categoryLabel,
              [c.proposal.accused?.unit?.name, ...(c.proposal.accused?.names ?? [])]
                .filter(Boolean)
                .join('、'),
            )}
            testId="ws-proposal"
          />
        ) : null}
        {c.accusedHidden ? <Text className="small-print">{m.accusedHidden}</Text> : null}
      </View>

      <View className="section" data-testid="petitioner">
        <Text className="section__title">{m.petitionerTitle}</Text>
        <Kv k={m.petitionerName} v={c.petitioner.name} />
        <Kv k={m.petitionerPhone} v={c.petitioner.phone ?? m.noPhone} />
        {c.petitioner.phone ? (
          <Text className="small-print">{c.petitioner.masked ? m.phoneMasked : m.phoneShown}</Text>
        ) : null}
      </View>

      <View className="section">
        <Text className="section__title">{m.attachmentsTitle}</Text>
        {c.materials.length === 0 ? <Text className="section__note">{m.attachmentsEmpty}</Text> : null}
        {c.materials.map((mat, i) => (
          <View key={`${mat.at}-${i}`} className="note-item">
            <Text className="note-item__meta">{formatChinaDateTime(mat.at)}</Text>
            {mat.text ? <Text className="timeline-item__summary">{mat.text}</Text> : null}
            {mat.attachmentIds.map((aid, n) => (
              <View
                key={aid}
                className="attachment-link"
                role="link"
                onClick={() =>
                  void openProtectedFile(withId(staffEndpoints.attachment.path, aid)).catch(setActionError)
                }
              >
                <Text>{m.openAttachment(n + 1)}</Text>
              </View>
            ))}
          </View>
        ))}
      </View>

      <View className="section" data-testid="notes">
        <Text className="section__title">{m.notesTitle}</Text>
        <Text className="section__note">{m.notesNote}</Text>
        {(c.notes ?? []).length === 0 ? <Text className="section__note">{m.notesEmpty}</Text> : null}
        {(c.notes ?? []).map((n, i) => (
          <View key={`${n.at}-${i}`} className="note-item">
            <Text className="note-item__meta">{formatChinaDateTime(n.at)}</Text>
            <Text className="timeline-item__summary">{n.text}</Text>
          </View>
        ))}
        <TextArea
          className="field-textarea"
          value={note}
          maxLength={2000}
          placeholder={m.notePlaceholder}
          onChange={setNote}
        />
        <ErrorNotice error={noteError} />
        <View className="action-form__buttons">
          <Button
            type="default"
            size="large"
            loading={noteBusy}
            disabled={!note.trim()}
            onClick={() => void addNote()}
          >
            {m.addNote}
          </Button>
        </View>
      </View>

      <View className="section timeline" data-testid="timeline">
        <Text className="section__title">{m.timelineTitle}</Text>
        <Steps direction="vertical" value={c.events.length} type="dot">
          {c.events.map((e, i) => (
            <Step
              key={`${e.at}-${i}`}
              value={i + 1}
              title={e.summary}
              description={
                <View>
                  <Text className="timeline-item__meta">
                    {`${formatChinaDateTime(e.at)}${e.actorUnitId ? ` · ${unitName(e.actorUnitId)}` : ''}`}
                  </Text>
                  {e.article ? <Text className="timeline-item__meta">{`依据${e.article}`}</Text> : null}
                </View>
              }
            />
          ))}
        </Steps>
      </View>
    </View>
  );
}
