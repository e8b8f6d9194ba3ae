import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { DueBadge } from '../../components/due-badge';
import { useQuery } from '../../api/query';
import { ErrorNotice } from '../../components/error-notice';
import { staffMessages } from '../../messages/staff';
import { ROLE } from '../../utils/a11y';
import { ROUTES } from '../../utils/routes';
import { loadApprovals, type ApprovalItem } from '../approvals';
import { CaseWorkspace } from '../components/case-workspace';
import { Button } from '../components/nutui';
import { StaffShell } from '../components/staff-shell';
import { useWide } from '../hooks';

const m = staffMessages.approvals;

export default function StaffApprovalsPage() {
  const wide = useWide();
  const q = useQuery(['approvals'], loadApprovals);
  const items: ApprovalItem[] | null = q.data ?? null;
  const error = q.error;
  const [selected, setSelected] = useState<string | null>(null);
  const load = () => void q.reload();

  const open = (id: string) => {
    if (wide) setSelected(id);
    else void Taro.navigateTo({ url: `${ROUTES.staffCase}?id=${encodeURIComponent(id)}` });
  };

  return (
    <StaffShell active="approvals">
      <View className="staff-main">
        <View className={`inbox-split ${wide ? 'inbox-split--wide' : ''}`}>
          <View className="inbox-pane" data-testid="approvals">
            <Text className="staff-title">{m.heading}</Text>
            <Text className="staff-intro">{m.intro}</Text>
            {error ? <ErrorNotice error={error} onRetry={load} /> : null}
            {items === null && !error ? <Text className="loading">{staffMessages.inbox.loading}</Text> : null}
            {items?.length === 0 ? <Text className="empty-state">{m.empty}</Text> : null}
            <View {...ROLE.list}>
              {(items ?? []).map((it) => (
                <View
                  key={`${it.kind}-${it.caseId}`}
                  className={`queue-item ${selected === it.caseId ? 'case-row--selected' : ''}`}
                  {...ROLE.listitem}
                  data-testid="approval-item"
                >
                  <View className="case-row__top">
                    <Text className="queue-item__kind">{m.kinds[it.kind] ?? it.kind}</Text>
                    <Text className="case-row__number">{it.number}</Text>
                  </View>
                  <Text className="case-row__title">{it.title}</Text>
                  {it.detail ? <Text className="case-row__units">{it.detail}</Text> : null}
                  {it.from ? <Text className="case-row__units">{m.from(it.from)}</Text> : null}
                  {it.due ? <DueBadge due={it.due} /> : null}
                  <View className="action-form__buttons">
                    <Button type="primary" onClick={() => open(it.caseId)}>
                      {m.open}
                    </Button>
                  </View>
                </View>
              ))}
            </View>
          </View>
          {wide ? (
            <View className="detail-pane" data-testid="detail-pane">
              {selected ? (
                <CaseWorkspace id={selected} onChanged={load} />
              ) : (
                <Text className="empty-state">{staffMessages.inbox.selectHint}</Text>
              )}
            </View>
          ) : null}
        </View>
      </View>
    </StaffShell>
  );
}
