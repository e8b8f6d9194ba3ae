import { useCallback, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { api } from '../../api/endpoints';
import { ApiError, isApiError } from '../../api/errors';
import { invalidate, useQuery } from '../../api/query';
import { useSession } from '../../api/session';
import type { PetitionerCaseDetail, ResidentAction } from '../../api/types';
import { DeadlineCard } from '../../components/deadline-card';
import { ErrorNotice } from '../../components/error-notice';
import { LoginPrompt } from '../../components/login-prompt';
import { Button } from '../../components/nutui';
import { PageShell } from '../../components/page-shell';
import { SubscribeButton } from '../../components/subscribe-button';
import { messages } from '../../messages';
import { IS_WEAPP } from '../../platform/env';
import { ROLE } from '../../utils/a11y';
import {
  canWithdraw,
  categoryLabel,
  offers,
  replyIsDue,
  requestWindow,
  reviewNotApplicable,
  sortDeadlines,
} from '../../utils/case-view';
import { formatChinaDateTime } from '../../utils/dates';
import { caseDetailUrl } from '../../utils/routes';
import { DocumentsCard } from './documents-card';
import { MaterialForm } from './material-form';
import { ReplyCard } from './reply-card';
import { RequestPanel } from './request-panel';
import './index.scss';

const m = messages.caseDetail;

function Row({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <View className="info-row">
      <Text className="info-row__label">{label}</Text>
      <Text className="info-row__value">{value}</Text>
      {note ? <Text className="small-print">{note}</Text> : null}
    </View>
  );
}

function StateBanner({ c }: { c: PetitionerCaseDetail }) {
  if (c.state === 'final') {
    return (
      <View className="banner banner--final" {...ROLE.status} data-testid="final-banner">
        <Text className="banner__title">{m.finalTitle}</Text>
        <Text className="banner__text">{m.finalText}</Text>
        <Text className="small-print">{m.finalBasis}</Text>
      </View>
    );
  }
  if (c.state === 'withdrawn') {
    return (
      <View className="banner">
        <Text className="banner__title">{m.withdrawnTitle}</Text>
      </View>
    );
  }
  if (c.state === 'notAccepted') {
    const g = c.notAccepted;
    return (
      <View className="banner">
        <Text className="banner__title">{m.notAcceptedTitle}</Text>
        {g?.explanation ? <Text className="banner__text">{g.explanation}</Text> : null}
        {g?.authority ? <Text className="banner__text">{m.notAcceptedWhere(g.authority)}</Text> : null}
      </View>
    );
  }
  if (c.state === 'closed' || c.state === 'mediated') {
    return (
      <View className="banner">
        <Text className="banner__title">{m.closedTitle}</Text>
      </View>
    );
  }
  return null;
}

/**
 * 诉求详情: where the case stands, who holds it (and its 首接单位), every deadline with "为什么是这一天",
 * the replies with their documents and ratings, 复查/复核 while the window is open, the timeline, adding
 * material, and withdrawing.
 */
export default function CaseDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const session = useSession();
  const [actionError, setActionError] = useState<unknown>(null);
  const [showEnded, setShowEnded] = useState(false);
  const canLoad = IS_WEAPP || !!session;

  const query = useQuery(canLoad && id ? ['caseDetail', id] : null, () => api.caseDetail(id));
  const detail = query.data ?? null;
  const { error, reload: load, set: setDetail } = query;

  usePullDownRefresh(() => {
    void load().finally(() => void Taro.stopPullDownRefresh());
  });

  /** Runs an action at the version shown; a 409 (changed meanwhile) reloads, then says so. */
  const act = useCallback(
    async (action: ResidentAction): Promise<boolean> => {
      if (!detail) return false;
      try {
        const res = await api.act(detail.id, detail.version, action);
        if (res.case) setDetail(res.case);
        else await load();
        void invalidate('myCases', 'caseDocuments');
        return true;
      } catch (err) {
        if (isApiError(err) && err.status === 409) {
          // Changed meanwhile (a reply arrived, staff acted): show the new state, then ask to check it.
          await load();
          throw new ApiError('http', messages.errors.conflictReloaded, { status: 409, code: err.code });
        }
        throw err;
      }
    },
    [detail, load, setDetail],
  );

  const withdraw = async () => {
    const w = messages.withdraw;
    const res = await Taro.showModal({
      title: w.confirmTitle,
      content: w.confirmText,
      confirmText: w.confirm,
      confirmColor: '#a51218',
      cancelText: messages.actions.cancel,
    });
    if (!res.confirm) return;
    setActionError(null);
    try {
      await act({ type: 'withdraw' });
      void Taro.showToast({ title: w.done, icon: 'success', duration: 1500 });
    } catch (err) {
      setActionError(err);
    }
  };

  if (!canLoad) {
    return (
      <PageShell className="case">
        <LoginPrompt redirect={caseDetailUrl(id)} />
      </PageShell>
    );
  }

  if (!detail) {
    return (
      <PageShell className="case">
        {error ? (
          <ErrorNotice error={error} onRetry={() => void load()} />
        ) : (
          <Text className="loading">{messages.actions.loading}</Text>
        )}
      </PageShell>
    );
  }

  const c = detail;
  const { running, ended } = sortDeadlines(c.deadlines);
  const window = requestWindow(c);
  const ext = c.extension;
  // An extension lengthens the handling deadline: its article is the one the server cites for that clock.
  const handlingArticle = c.deadlines.find((d) => d.clock === 'handling')?.article;

  return (
    <PageShell className="case">
      {error ? <ErrorNotice error={error} onRetry={() => void load()} /> : null}
      <View className="card case-head">
        <Text className="case-head__title">{c.title}</Text>
        <View className="case-head__state">
          <Text className="state-tag state-tag--large">{c.stateLabel}</Text>
          {c.overdue ? (
            <Text className="due__flag">
              <Text className="due__icon" aria-hidden>
                !
              </Text>
              {messages.petitions.overdue}
            </Text>
          ) : null}
        </View>
        <Row label={m.number} value={c.number} />
        <Row label={m.category} value={categoryLabel(c.category)} />
        <Row label={m.receivedAt} value={formatChinaDateTime(c.receivedAt)} />
      </View>

      <StateBanner c={c} />

      <View className="card">
        <Text className="card__title">{m.unitsTitle}</Text>
        <Row label={m.currentUnit} value={c.currentUnit.name} />
        {c.handlingUnit ? <Row label={m.handlingUnit} value={c.handlingUnit.name} /> : null}
        <Row
          label={m.firstReceiver}
          value={c.firstReceiver ? c.firstReceiver.name : m.firstReceiverPending}
          note={m.firstReceiverNote}
        />
      </View>

      <View className="card" data-testid="deadlines">
        <Text className="card__title">{m.deadlinesTitle}</Text>
        {ext?.status === 'approved' ? (
          <View className="notice notice--info">
            <Text className="notice__text">{m.extension(ext.approvedDays, ext.reason)}</Text>
            {handlingArticle ? <Text className="small-print">{messages.basis(handlingArticle)}</Text> : null}
          </View>
        ) : null}
        {running.length === 0 ? <Text>{ended.length ? m.noRunning : m.deadlinesEmpty}</Text> : null}
        {running.map((d) => (
          <DeadlineCard key={d.clock} deadline={d} />
        ))}
        {ended.length > 0 ? (
          <View className="link-button" onClick={() => setShowEnded((v) => !v)}>
            <Text>{m.endedDeadlines(ended.length)}</Text>
            <Text className="link-button__arrow" aria-hidden>
              {showEnded ? '▲' : '▼'}
            </Text>
          </View>
        ) : null}
        {showEnded ? ended.map((d) => <DeadlineCard key={d.clock} deadline={d} />) : null}
      </View>

      {replyIsDue(c) ? <SubscribeButton moment="replyDue" /> : null}

      {c.replies.length > 0 ? (
        <View className="card" data-testid="replies">
          <Text className="card__title">{m.repliesTitle}</Text>
          {c.replies.map((r) => (
            <ReplyCard key={r.stage} detail={c} reply={r} act={act} />
          ))}
        </View>
      ) : null}

      <DocumentsCard caseId={c.id} version={c.version} />

      {window ? <RequestPanel detail={c} window={window} act={act} /> : null}
      {reviewNotApplicable(c) ? (
        <Text className="small-print case__note">{messages.review.notForCategory}</Text>
      ) : null}

      <View className="card">
        <Text className="card__title">{m.contentTitle}</Text>
        <Row label={m.facts} value={c.content.facts} />
        <Row label={m.request} value={c.content.request} />
        {c.content.reasons ? <Row label={m.reasons} value={c.content.reasons} /> : null}
        {c.content.location ? <Row label={m.location} value={c.content.location.address} /> : null}
        {c.attachments.length ? (
          <Row label={m.attachments} value={m.attachmentsValue(c.attachments.map((a) => a.name))} />
        ) : null}
      </View>

      <View className="card">
        <Text className="card__title">{m.timelineTitle}</Text>
        <View className="timeline" {...ROLE.list}>
          {[...c.events].reverse().map((e, i) => (
            <View key={`${e.at}-${i}`} className="timeline__item" {...ROLE.listitem}>
              <Text className="timeline__dot" aria-hidden />
              <Text className="timeline__time">{formatChinaDateTime(e.at)}</Text>
              <Text className="timeline__summary">{e.summary}</Text>
              {e.article ? <Text className="small-print">{messages.deadline.basis(e.article)}</Text> : null}
            </View>
          ))}
        </View>
      </View>

      {c.materials.length > 0 ? (
        <View className="card">
          <Text className="card__title">{m.materialsTitle}</Text>
          {c.materials.map((x, i) => (
            <View key={`${x.at}-${i}`} className="info-row">
              <Text className="info-row__label">{formatChinaDateTime(x.at)}</Text>
              {x.text ? <Text className="info-row__value">{x.text}</Text> : null}
              {x.attachmentIds.length ? (
                <Text className="small-print">{m.materialPhotos(x.attachmentIds.length)}</Text>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}

      {offers(c, 'addMaterial') ? <MaterialForm caseId={c.id} onAdded={setDetail} /> : null}

      {canWithdraw(c) ? (
        <View className="case__withdraw">
          <ErrorNotice error={actionError} />
          <Button className="big-button" type="default" size="large" block onClick={() => void withdraw()}>
            {messages.withdraw.button}
          </Button>
        </View>
      ) : null}
    </PageShell>
  );
}
