import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { staffMessages } from '../../messages/staff';
import { formatChinaDateTime } from '../../utils/dates';
import { staffApi, type ProfileBody, type ProfileDetail, type ProfileSummary } from '../api';
import { Button, TextArea } from '../components/nutui';
import { FormFooter, Grid, m, Panel, RowButtons, useConfirm, useLoad, useWrite, WriteStatus } from './parts';

/** Taro's View does not list tabIndex; H5 renders it as is. */
const FOCUSABLE = { tabIndex: 0 } as const;

const yesNo = (b: boolean) => (b ? `✓ ${m.yes}` : m.no);

type Limit = { days?: number; workingDays?: number; hours?: number };
interface ClockView {
  label?: string;
  limit?: Limit;
  statutory?: boolean;
  article?: string;
}

const limitText = (l: Limit | undefined) =>
  !l
    ? ''
    : l.days !== undefined
      ? m.limitDays(l.days)
      : l.workingDays !== undefined
        ? m.limitWorkingDays(l.workingDays)
        : l.hours !== undefined
          ? m.limitHours(l.hours)
          : '';

/** One version, read-only: its clocks as a table and the whole document as JSON. */
function ProfileView({
  detail,
  onClose,
  onNewVersion,
}: {
  detail: ProfileDetail;
  onClose: () => void;
  onNewVersion: () => void;
}) {
  const { summary, profile } = detail;
  const clocks = Object.entries(profile.clocks as Record<string, ClockView>);
  return (
    <Panel title={m.profileTitle(summary.name, summary.version)} onClose={onClose} testId="profile-view">
      <Text className="action-form__basis">{summary.source}</Text>
      <Text className="action-form__basis">{m.profileMeta(summary.casesUsing, summary.unitsBound)}</Text>
      <Text className="action-form__basis">
        {summary.builtin
          ? m.profileCreated(null, null)
          : m.profileCreated(
              summary.createdBy,
              summary.createdAt ? formatChinaDateTime(summary.createdAt) : null,
            )}
      </Text>
      <Text className="staff-intro">{m.profileReadOnly}</Text>
      <Grid
        testId="profile-clocks"
        columns={[
          { key: 'label', title: m.clockKey },
          { key: 'limit', title: m.clockDays },
          { key: 'statutory', title: m.clockStatutory },
          { key: 'article', title: m.clockArticle },
        ]}
        rows={clocks.map(([key, c]) => ({
          label: c.label ?? key,
          limit: limitText(c.limit),
          statutory: yesNo(!!c.statutory),
          article: c.article ?? '',
        }))}
      />
      <Text className="action-form__title admin-subtitle">{m.fullJson}</Text>
      {/* Scrolls within itself: focusable, so the keyboard can scroll it too (WCAG 2.1.1). */}
      <View
        className="admin-json"
        data-testid="profile-json"
        role="region"
        aria-label={m.fullJson}
        {...FOCUSABLE}
      >
        <Text>{JSON.stringify(profile, null, 2)}</Text>
      </View>
      <View className="action-form__buttons">
        <Button type="primary" className="admin-new-version" onClick={onNewVersion}>
          {m.newVersion}
        </Button>
      </View>
    </Panel>
  );
}

/**
 * A new version from an existing one: its JSON with the next version number, edited in a textarea. The
 * server's `validateProfile` is the judge (legal maxima, required clocks); its refusal is shown as it is.
 */
function NewVersion({
  from,
  nextVersion,
  onClose,
  onPublished,
}: {
  from: ProfileDetail;
  nextVersion: number;
  onClose: () => void;
  onPublished: (s: ProfileSummary, created: boolean) => void;
}) {
  const [text, setText] = useState(() => JSON.stringify({ ...from.profile, version: nextVersion }, null, 2));
  const [invalid, setInvalid] = useState<string>();
  const write = useWrite();
  const { ask, dialog } = useConfirm();

  const submit = () => {
    let body: ProfileBody;
    try {
      const parsed: unknown = JSON.parse(text);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return setInvalid(m.jsonNotObject);
      body = parsed as ProfileBody;
    } catch (e) {
      return setInvalid(m.jsonInvalid(e instanceof Error ? e.message : String(e)));
    }
    setInvalid(undefined);
    ask({
      title: m.publishTitle,
      content: m.publishConfirm(String(body.id), Number(body.version)),
      confirmText: m.publish,
      onConfirm: () =>
        void write
          .run(
            () => staffApi.adminPublishProfile(body),
            (r) => m.published(r.summary.id, r.summary.version, r.created),
          )
          // An identical replay is answered with the stored version (200, created false): said so.
          .then((r) => r && onPublished(r.summary, r.created)),
    });
  };

  return (
    <Panel
      title={m.newVersionTitle(from.summary.id, nextVersion)}
      onClose={onClose}
      testId="profile-new-version"
    >
      <Text className="staff-intro">{m.newVersionIntro}</Text>
      <Field label={m.profileJson} required error={invalid} className="admin-field-wide">
        <TextArea
          className="field-textarea admin-json-input"
          value={text}
          maxLength={200_000}
          onChange={setText}
          data-testid="profile-json-input"
        />
      </Field>
      <FormFooter write={write} onSubmit={submit} onCancel={onClose} label={m.publish} />
      {dialog}
    </Panel>
  );
}

/** Rule profiles by version: view any version, publish the next version of a profile from an existing one. */
export function Profiles() {
  const { data, error, reload } = useLoad(['adminProfiles'], () => staffApi.adminProfiles());
  const [shown, setShown] = useState<ProfileDetail | null>(null);
  const [drafting, setDrafting] = useState(false);
  const view = useWrite();
  const status = useWrite();
  if (error) return <ErrorNotice error={error} onRetry={reload} />;
  if (!data) return <Text className="loading">{staffMessages.inbox.loading}</Text>;
  const latestOf = (id: string) =>
    Math.max(...data.profiles.filter((p) => p.id === id).map((p) => p.version));

  const open = async (p: ProfileSummary) => {
    status.clear();
    setDrafting(false);
    const d = await view.run(
      () => staffApi.adminProfile(p.id, p.version),
      () => '',
    );
    if (d) setShown(d);
  };

  return (
    <View>
      {view.error ? <ErrorNotice error={view.error} /> : null}
      {shown && !drafting ? (
        <ProfileView detail={shown} onClose={() => setShown(null)} onNewVersion={() => setDrafting(true)} />
      ) : null}
      {shown && drafting ? (
        <NewVersion
          from={shown}
          nextVersion={latestOf(shown.summary.id) + 1}
          onClose={() => setDrafting(false)}
          onPublished={(s, created) => {
            setDrafting(false);
            setShown(null);
            status.setDone(m.published(s.id, s.version, created));
            reload();
          }}
        />
      ) : null}
      <WriteStatus error={null} done={status.done} />
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
          { key: 'actions', title: m.actions },
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
          actions: (
            <RowButtons>
              <Button
                size="small"
                type="default"
                className="admin-view-profile"
                data-profile={`${p.id}@${p.version}`}
                onClick={() => void open(p)}
              >
                {m.view}
              </Button>
            </RowButtons>
          ),
        }))}
      />
    </View>
  );
}
