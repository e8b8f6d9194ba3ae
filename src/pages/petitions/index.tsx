import { useEffect, useRef } from 'react';
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useSession } from '../../api/session';
import type { CaseSummary } from '../../api/types';
import { DueBadge } from '../../components/due-badge';
import { ErrorNotice } from '../../components/error-notice';
import { FilePetitionButton } from '../../components/file-petition-button';
import { LoginPrompt } from '../../components/login-prompt';
import { Button } from '../../components/nutui';
import { PageShell } from '../../components/page-shell';
import { useMyCases } from '../../hooks/use-my-cases';
import { messages } from '../../messages';
import { IS_WEAPP } from '../../platform/env';
import { ROLE } from '../../utils/a11y';
import { ROUTES, caseDetailUrl } from '../../utils/routes';
import './index.scss';

const m = messages.petitions;

function CaseItem({ c }: { c: CaseSummary }) {
  return (
    <View
      className={`case-item ${c.overdue ? 'case-item--overdue' : ''}`}
      {...ROLE.listitem}
      onClick={() => void Taro.navigateTo({ url: caseDetailUrl(c.id) })}
    >
      <View className="case-item__head">
        <Text className="case-item__title">{c.title}</Text>
        <Text className="state-tag">{c.stateLabel}</Text>
      </View>
      <Text className="case-item__meta">
        {m.number} {c.number}
      </Text>
      <Text className="case-item__meta">
        {m.currentUnit}：{c.currentUnit.name}
      </Text>
      <View className="case-item__due">
        <Text className="case-item__due-label">{c.nextDueLabel ?? m.nextDue}：</Text>
        {c.nextDue ? (
          <DueBadge due={c.nextDue} overdue={c.overdue} />
        ) : (
          <Text className="case-item__no-due">{m.noDue}</Text>
        )}
      </View>
      <Text className="case-item__arrow" aria-hidden>
        ›
      </Text>
    </View>
  );
}

/**
 * 我的诉求: every case the resident filed, newest first, with its state and the next deadline (overdue
 * marked with "!" and words). Pull down to refresh; more pages load at the bottom.
 */
export default function PetitionsPage() {
  const session = useSession();
  const router = useRouter();
  const canLoad = IS_WEAPP || !!session;
  const list = useMyCases(canLoad);
  const opened = useRef(false);

  // A WeChat progress message opens this page with ?id=<case id>: go straight to that case.
  useEffect(() => {
    const id = router.params.id;
    if (id && !opened.current) {
      opened.current = true;
      void Taro.navigateTo({ url: caseDetailUrl(id) });
    }
  }, [router.params.id]);

  // A login or logout while the tab stays alive (tab pages are not unmounted) reloads it.
  const token = session?.token ?? null;
  const lastToken = useRef(token);
  useEffect(() => {
    if (lastToken.current === token) return;
    lastToken.current = token;
    if (canLoad) void list.refresh();
  }, [token, canLoad, list]);

  usePullDownRefresh(() => {
    if (!canLoad) {
      void Taro.stopPullDownRefresh();
      return;
    }
    void list.refresh().finally(() => void Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    if (canLoad) void list.loadMore();
  });

  if (!canLoad) {
    return (
      <PageShell className="petitions">
        <LoginPrompt redirect={ROUTES.petitions} text={m.loggedOutText} />
        <View className="petitions__action">
          <Text className="petitions__logged-out">{m.loggedOutFile}</Text>
          <FilePetitionButton />
        </View>
      </PageShell>
    );
  }

  const empty = list.loaded && list.items.length === 0 && !list.error;

  return (
    <PageShell className="petitions">
      {list.error ? <ErrorNotice error={list.error} onRetry={() => void list.refresh()} /> : null}

      {empty ? (
        <View className="card petitions__empty">
          <View className="petitions__empty-icon" />
          <Text className="petitions__empty-title">{m.emptyTitle}</Text>
          <Text className="petitions__empty-text">{m.emptyText}</Text>
          <View className="petitions__action">
            <FilePetitionButton />
          </View>
        </View>
      ) : null}

      {list.items.length > 0 ? (
        <>
          <View className="petitions__top">
            <Text className="small-print">{m.pullHint}</Text>
            <View className="link-button" onClick={() => void list.refresh()}>
              <Text>{messages.actions.refresh}</Text>
            </View>
          </View>
          <View className="case-list" {...ROLE.list}>
            {list.items.map((c) => (
              <CaseItem key={c.id} c={c} />
            ))}
          </View>
          <View className="petitions__more">
            {list.nextCursor ? (
              <Button
                className="big-button"
                type="default"
                size="large"
                block
                loading={list.loading}
                onClick={() => void list.loadMore()}
              >
                {messages.actions.loadMore}
              </Button>
            ) : (
              <Text className="small-print">{messages.actions.noMore}</Text>
            )}
          </View>
          <View className="petitions__action">
            <FilePetitionButton />
          </View>
        </>
      ) : null}

      {!list.loaded && list.loading ? <Text className="loading">{messages.actions.loading}</Text> : null}
    </PageShell>
  );
}
