import { useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { invalidate, usePagedQuery } from '../../api/query';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { UnitPicker } from '../../components/unit-picker';
import { staffMessages } from '../../messages/staff';
import { groupUnitsByDistrict, type UnitGroup } from '../../utils/units';
import type { Role } from '../../../server/src/domain/case-model';
import type { APPROVAL_ROLES } from '../../../server/src/domain/duties';
import { formatChinaDateTime } from '../../utils/dates';
import { staffApi, type AdminUser, type RoleGrant, type UnitNode, type UserPage } from '../api';
import { Chips } from '../components/chips';
import { Button, Input } from '../components/nutui';
import { generatePassword } from './password';
import {
  FormFooter,
  Grid,
  m,
  MultiChips,
  Panel,
  RowButtons,
  useConfirm,
  useLoad,
  useWrite,
  WriteStatus,
} from './parts';

/** Staff roles an admin may give (never 信访人: staff and resident accounts do not mix). */
export const STAFF_ROLES = [
  'clerk',
  'handler',
  'unit_head',
  'grid_worker',
  'leader',
  'auditor',
  'admin',
] as const;
type MissingRole = Exclude<Role, (typeof STAFF_ROLES)[number] | 'resident'>;
const allRoles: MissingRole extends never ? true : never = true;
void allRoles;

const ROLE_OPTIONS = STAFF_ROLES.map((r) => ({ value: r, label: staffMessages.roles[r] ?? r }));
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;

const roleNames = (roles: readonly string[]) =>
  roles.length ? roles.map((r) => staffMessages.roles[r] ?? r).join('、') : m.noRoles;

/**
 * The roles a second administrator must approve (domain/duties.ts APPROVAL_ROLES): typed as the domain's
 * list, so a change there fails the build here; the server judges, this only words the hint.
 */
const NEEDS_SECOND_ADMIN: typeof APPROVAL_ROLES = ['auditor', 'admin'];
const ROLES_HINT = `${m.rolesHint}；${m.approvalHint(roleNames(NEEDS_SECOND_ADMIN))}`;

/** The roles a pending grant adds (what waits for the approval). */
const addedBy = (from: readonly string[], to: readonly string[]) => to.filter((r) => !from.includes(r));

function unitGroups(units: readonly UnitNode[]): UnitGroup[] {
  return groupUnitsByDistrict(
    units
      .filter((u) => u.active)
      .map((u) => ({
        id: u.code,
        name: u.name,
        kind: u.kind,
        parentId: u.parentCode,
        regionCode: u.regionCode,
        // only the filing form routes accusations (by the public directory)
        accusationIntake: null,
      })),
    m.cityUnits,
  );
}

/** A password the admin hands over: generated (default) or typed; judged by the server's policy either way. */
function PasswordChoice({
  label,
  typed,
  onTyped,
  mode,
  onMode,
}: {
  label: string;
  typed: string;
  onTyped: (v: string) => void;
  mode: 'generated' | 'typed';
  onMode: (v: 'generated' | 'typed') => void;
}) {
  return (
    <Field label={label} required hint={m.passwordHint}>
      <Chips
        label={label}
        options={[
          { value: 'generated', label: m.passwordGenerated },
          { value: 'typed', label: m.passwordTyped },
        ]}
        value={mode}
        onChange={onMode}
        testId="password-mode"
      />
      {mode === 'typed' ? (
        <Input
          className="field-input"
          name="password"
          type="password"
          value={typed}
          maxLength={128}
          placeholder={m.passwordPlaceholder}
          onChange={onTyped}
        />
      ) : null}
    </Field>
  );
}

/** The password just set, shown once; closing the panel forgets it (nothing stores or re-fetches it). */
function OneTimePassword({
  username,
  password,
  fresh,
  onDone,
}: {
  username: string;
  password: string;
  fresh: boolean;
  onDone: () => void;
}) {
  return (
    <View className="notice notice--done one-time" data-testid="one-time-password" role="alert">
      <Text className="notice__title">{fresh ? m.oneTimeTitle : m.oneTimeResetTitle}</Text>
      <Text className="notice__text">{fresh ? m.oneTimeIntro(username) : m.oneTimeResetIntro(username)}</Text>
      <Text className="one-time__password" data-testid="one-time-value" data-password={password}>
        {fresh ? m.oneTimePassword(password) : m.oneTimeNewPassword(password)}
      </Text>
      <View className="action-form__buttons">
        <Button type="primary" onClick={onDone}>
          {m.oneTimeDone}
        </Button>
      </View>
    </View>
  );
}

function CreateUser({
  groups,
  onClose,
  onCreated,
}: {
  groups: UnitGroup[];
  onClose: () => void;
  onCreated: (user: AdminUser, password: string) => void;
}) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [unit, setUnit] = useState<string | null>(null);
  const [roles, setRoles] = useState<string[]>(['handler']);
  const [mode, setMode] = useState<'generated' | 'typed'>('generated');
  const [typed, setTyped] = useState('');
  // Generated once per form: a retried submit sends the same password.
  const [generated] = useState(() => generatePassword());
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const write = useWrite();

  const submit = async () => {
    const bad: Record<string, string> = {};
    if (!username.trim()) bad.username = m.required(m.username);
    else if (!USERNAME.test(username.trim())) bad.username = m.format(m.username, m.usernameRule);
    if (!displayName.trim()) bad.displayName = m.required(m.displayName);
    if (!unit) bad.unit = m.required(m.unit);
    if (roles.length === 0) bad.roles = m.rolesRequired;
    if (mode === 'typed' && !typed) bad.password = m.required(m.initialPassword);
    setInvalid(bad);
    if (Object.keys(bad).length) return;
    const password = mode === 'typed' ? typed : generated;
    const user = await write.run(
      () =>
        staffApi.adminCreateUser({
          username: username.trim(),
          displayName: displayName.trim(),
          unitCode: unit!,
          roles: roles as Role[],
          password,
        }),
      (u) =>
        u.pendingGrant
          ? m.createdHeld(u.displayName, roleNames(addedBy(u.roles, u.pendingGrant.rolesTo)))
          : m.created(u.displayName),
    );
    if (user) onCreated(user, password);
  };

  return (
    <Panel title={m.newUserTitle} onClose={onClose} testId="user-form">
      <Field label={m.username} required hint={m.usernameHint} error={invalid.username}>
        <Input
          className="field-input"
          name="username"
          value={username}
          maxLength={32}
          onChange={setUsername}
        />
      </Field>
      <Field label={m.displayName} required error={invalid.displayName}>
        <Input
          className="field-input"
          name="displayName"
          value={displayName}
          maxLength={50}
          placeholder={m.displayNamePlaceholder}
          onChange={setDisplayName}
        />
      </Field>
      <Field label={m.unit} required error={invalid.unit}>
        <UnitPicker
          groups={groups}
          value={unit}
          onChange={setUnit}
          placeholder={m.unitPlaceholder}
          testId="user-unit"
        />
      </Field>
      <Field label={m.roles} required hint={ROLES_HINT} error={invalid.roles}>
        <MultiChips
          label={m.roles}
          options={ROLE_OPTIONS}
          value={roles}
          onChange={setRoles}
          testId="user-roles"
        />
      </Field>
      <PasswordChoice
        label={m.initialPassword}
        typed={typed}
        onTyped={setTyped}
        mode={mode}
        onMode={setMode}
      />
      {invalid.password ? <Text className="field__error">{invalid.password}</Text> : null}
      <FormFooter write={write} onSubmit={() => void submit()} onCancel={onClose} />
    </Panel>
  );
}

function ManageUser({
  user,
  groups,
  onClose,
  onChanged,
  onPassword,
}: {
  user: AdminUser;
  groups: UnitGroup[];
  onClose: () => void;
  onChanged: (message: string) => void;
  onPassword: (user: AdminUser, password: string) => void;
}) {
  const [displayName, setDisplayName] = useState(user.displayName);
  const [unit, setUnit] = useState<string | null>(user.unitCode);
  const [roles, setRoles] = useState<string[]>([...user.roles]);
  const [mode, setMode] = useState<'generated' | 'typed'>('generated');
  const [typed, setTyped] = useState('');
  const [generated] = useState(() => generatePassword());
  const [invalid, setInvalid] = useState<string>();
  const write = useWrite();
  const { ask, dialog } = useConfirm();
  const name = user.displayName;

  if (user.kind !== 'staff') {
    return (
      <Panel title={m.editUserTitle(name)} onClose={onClose} testId="user-manage">
        <Text className="staff-intro">{m.residentAccount}</Text>
      </Panel>
    );
  }

  const save = async () => {
    if (!displayName.trim()) return setInvalid(m.required(m.displayName));
    if (!user.rolesLocked && roles.length === 0) return setInvalid(m.rolesRequired);
    if (!unit) return setInvalid(m.required(m.unit));
    setInvalid(undefined);
    // Only what changed: a role or unit change ends the user's sessions, an unchanged one should not.
    const body: Parameters<typeof staffApi.adminUpdateUser>[1] = {};
    if (displayName.trim() !== user.displayName) body.displayName = displayName.trim();
    if (unit !== user.unitCode) body.unitCode = unit;
    // One's own roles are locked (the server says so in `rolesLocked` and would refuse them).
    if (!user.rolesLocked && [...roles].sort().join() !== [...user.roles].sort().join()) {
      body.roles = roles as Role[];
    }
    if (Object.keys(body).length === 0) return onClose();
    const saved = (x: { user: AdminUser; sessionsRevoked: number }) =>
      body.roles && x.user.pendingGrant
        ? m.heldForApproval(x.user.displayName, roleNames(addedBy(x.user.roles, x.user.pendingGrant.rolesTo)))
        : m.userSaved(x.user.displayName, x.sessionsRevoked);
    const r = await write.run(() => staffApi.adminUpdateUser(user.id, body), saved);
    if (r) {
      if (r.user.pendingGrant) void invalidate('adminRoleGrants');
      onChanged(saved(r));
    }
  };

  const setStatus = () => {
    const disabling = user.status === 'active';
    ask({
      title: disabling ? m.disableUser : m.enableUser,
      content: disabling ? m.disableConfirm(name) : m.enableConfirm(name),
      confirmText: disabling ? m.disableUser : m.enableUser,
      onConfirm: () =>
        void write
          .run(
            () => staffApi.adminUpdateUser(user.id, { status: disabling ? 'disabled' : 'active' }),
            () => (disabling ? m.disabled(name) : m.enabled(name)),
          )
          .then((r) => r && onChanged(disabling ? m.disabled(name) : m.enabled(name))),
    });
  };

  const resetPassword = () => {
    if (mode === 'typed' && !typed) return setInvalid(m.required(m.newPassword));
    setInvalid(undefined);
    const password = mode === 'typed' ? typed : generated;
    ask({
      title: m.resetPassword,
      content: m.resetPasswordConfirm(name),
      confirmText: m.resetPassword,
      onConfirm: () =>
        void write
          .run(
            () => staffApi.adminSetPassword(user.id, password),
            () => m.passwordReset(name),
          )
          .then((r) => r && onPassword(user, password)),
    });
  };

  const resetTotp = () =>
    ask({
      title: m.resetTotp,
      content: m.resetTotpConfirm(name),
      confirmText: m.resetTotp,
      onConfirm: () =>
        void write
          .run(
            () => staffApi.adminResetTotp(user.id),
            () => m.totpReset(name),
          )
          .then((r) => r && onChanged(m.totpReset(name))),
    });

  return (
    <Panel
      title={m.editUserTitle(`${name}（${user.username ?? ''}）`)}
      onClose={onClose}
      testId="user-manage"
    >
      <Field label={m.displayName} required>
        <Input
          className="field-input"
          name="displayName"
          value={displayName}
          maxLength={50}
          onChange={setDisplayName}
        />
      </Field>
      <Field label={m.unit} required>
        <UnitPicker groups={groups} value={unit} onChange={setUnit} placeholder={m.unitPlaceholder} />
      </Field>
      {user.rolesLocked ? (
        <Field label={m.roles} error={invalid}>
          <Text className="admin-roles-locked" data-testid="roles-locked">
            {roleNames(user.roles)}
          </Text>
          <Text className="field__hint">{user.rolesLocked}</Text>
        </Field>
      ) : (
        <Field label={m.roles} required hint={ROLES_HINT} error={invalid}>
          <MultiChips
            label={m.roles}
            options={ROLE_OPTIONS}
            value={roles}
            onChange={setRoles}
            testId="manage-roles"
          />
        </Field>
      )}
      {user.pendingGrant ? (
        <Text className="staff-intro" data-testid="manage-pending">
          {m.pendingNotice(roleNames(user.pendingGrant.rolesTo))}
        </Text>
      ) : null}
      <View className="action-form__buttons">
        <Button type="primary" className="admin-submit" loading={write.busy} onClick={() => void save()}>
          {m.saveUser}
        </Button>
      </View>
      <PasswordChoice label={m.newPassword} typed={typed} onTyped={setTyped} mode={mode} onMode={setMode} />
      <View className="action-form__buttons">
        <Button type="default" className="admin-reset-password" onClick={resetPassword}>
          {m.resetPassword}
        </Button>
        <Button type="default" className="admin-reset-totp" onClick={resetTotp}>
          {m.resetTotp}
        </Button>
        <Button
          type="default"
          className={`admin-user-status ${user.status === 'active' ? 'admin-danger' : ''}`}
          onClick={setStatus}
        >
          {user.status === 'active' ? m.disableUser : m.enableUser}
        </Button>
      </View>
      <WriteStatus error={write.error} done={null} />
      {dialog}
    </Panel>
  );
}

/**
 * Role grants waiting for a second administrator (DOMAIN.md §13): each says whether this administrator may
 * decide it and, if not, why (his own request, a grant to himself) — the server's words.
 */
function PendingGrants({ onDecided }: { onDecided: (message: string) => void }) {
  const grants = useLoad(['adminRoleGrants'], () => staffApi.adminRoleGrants());
  const write = useWrite();
  const { ask, dialog } = useConfirm();
  const [rejecting, setRejecting] = useState<RoleGrant | null>(null);
  const [reason, setReason] = useState('');
  const items = grants.data?.items ?? [];
  if (grants.error) return <ErrorNotice error={grants.error} onRetry={grants.reload} />;
  if (items.length === 0) return null;

  const decided = (message: string) => {
    setRejecting(null);
    setReason('');
    grants.reload();
    onDecided(message);
  };
  const approve = (g: RoleGrant) =>
    ask({
      title: m.approveTitle,
      content: m.approveConfirm(g.displayName, roleNames(g.rolesTo)),
      confirmText: m.approve,
      onConfirm: () =>
        void write
          .run(
            () => staffApi.adminApproveGrant(g.id),
            () => m.approved(g.displayName),
          )
          .then((r) => r && decided(m.approved(g.displayName))),
    });
  const reject = async (g: RoleGrant) => {
    const r = await write.run(
      () => staffApi.adminRejectGrant(g.id, reason.trim()),
      () => m.rejected(g.displayName),
    );
    if (r) decided(m.rejected(g.displayName));
  };

  return (
    <View className="admin-grants" data-testid="role-grants">
      <Text className="action-form__title">{m.grantsTitle}</Text>
      <Text className="staff-intro">{m.grantsIntro}</Text>
      <Grid
        testId="role-grants-table"
        columns={[
          { key: 'grantee', title: m.grantee },
          { key: 'from', title: m.rolesFrom },
          { key: 'to', title: m.rolesTo },
          { key: 'by', title: m.requestedBy },
          { key: 'actions', title: m.actions },
        ]}
        rows={items.map((g) => ({
          grantee: (
            <Text data-grant={g.id} data-username={g.username ?? ''}>
              {g.displayName}
              {g.username ? `（${g.username}）` : ''}
            </Text>
          ),
          from: roleNames(g.rolesFrom),
          to: roleNames(g.rolesTo),
          by: `${g.requestedBy.displayName} · ${formatChinaDateTime(g.requestedAt)}`,
          actions: g.mayDecide ? (
            <RowButtons>
              <Button size="small" type="primary" className="admin-grant-approve" onClick={() => approve(g)}>
                {m.approve}
              </Button>
              <Button
                size="small"
                type="default"
                className="admin-grant-reject admin-danger"
                onClick={() => {
                  write.clear();
                  setReason('');
                  setRejecting(g);
                }}
              >
                {m.reject}
              </Button>
            </RowButtons>
          ) : (
            <Text className="small-print admin-grant-lock">{g.lock ?? ''}</Text>
          ),
        }))}
      />
      {rejecting ? (
        <Panel
          title={m.rejectTitle(rejecting.displayName)}
          onClose={() => setRejecting(null)}
          testId="grant-reject"
        >
          <Field label={m.rejectReason}>
            <Input
              className="field-input"
              name="reason"
              value={reason}
              maxLength={200}
              placeholder={m.rejectReasonPlaceholder}
              onChange={setReason}
            />
          </Field>
          <FormFooter
            write={write}
            label={m.reject}
            onSubmit={() => void reject(rejecting)}
            onCancel={() => setRejecting(null)}
          />
        </Panel>
      ) : (
        <WriteStatus error={write.error} done={null} />
      )}
      {dialog}
    </View>
  );
}

interface Filters {
  unit: string | null;
  subunits: boolean;
  q: string;
}

/** Users by unit and name/username, 100 a page; create staff accounts, manage roles, unit, status and sign-in. */
export function Users() {
  const units = useLoad(['adminUnits'], () => staffApi.adminUnits());
  const groups = useMemo(() => unitGroups(units.data?.units ?? []), [units.data]);
  const [unit, setUnit] = useState<string | null>(null);
  const [subunits, setSubunits] = useState(true);
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<Filters>({ unit: null, subunits: true, q: '' });
  const [creating, setCreating] = useState(false);
  const [managing, setManaging] = useState<AdminUser | null>(null);
  const [oneTime, setOneTime] = useState<{ username: string; password: string; fresh: boolean } | null>(null);
  const status = useWrite();

  const list = usePagedQuery(
    ['adminUsers', filters],
    (cursor: string | null) =>
      staffApi.adminUsers({
        ...(filters.unit ? { unitCode: filters.unit, includeSubunits: filters.subunits } : {}),
        ...(filters.q ? { q: filters.q } : {}),
        ...(cursor ? { cursor } : {}),
        limit: 100,
      }),
    (last) => last.nextCursor,
  );
  const page: UserPage | null =
    list.pages.length > 0
      ? {
          items: list.pages.flatMap((p) => p.items),
          nextCursor: list.pages[list.pages.length - 1]!.nextCursor,
        }
      : null;
  const loadError = list.error;
  const more = () => list.more();
  const reload = () => void list.reload();
  /** A search is always asked of the server, also when the filters are the ones already shown. */
  const search = (next: Filters) => {
    if (JSON.stringify(next) === JSON.stringify(filters)) reload();
    else setFilters(next);
  };
  const unitName = (code: string | null) =>
    (code && units.data?.units.find((u) => u.code === code)?.name) || code || '';

  return (
    <View>
      <View className="action-form__buttons admin-toolbar">
        <Button
          type="primary"
          className="admin-new-user"
          onClick={() => {
            status.clear();
            setManaging(null);
            setOneTime(null);
            setCreating(true);
          }}
        >
          {m.newUser}
        </Button>
      </View>
      <View className="filters admin-filters">
        <View className="filters__group admin-filters__unit">
          <Text className="filters__label">{m.filterUnit}</Text>
          <UnitPicker
            groups={groups}
            value={unit}
            onChange={setUnit}
            placeholder={m.allUnits}
            clearable
            testId="filter-unit"
          />
        </View>
        <View className="filters__group">
          <Text className="filters__label">{m.includeSubunits}</Text>
          <Chips
            label={m.includeSubunits}
            options={[
              { value: 'yes', label: m.yes },
              { value: 'no', label: m.no },
            ]}
            value={subunits ? 'yes' : 'no'}
            onChange={(v) => setSubunits(v === 'yes')}
          />
        </View>
        <View className="filters__group">
          <Text className="filters__label">{m.searchName}</Text>
          <Input
            className="field-input"
            name="q"
            value={text}
            maxLength={40}
            placeholder={m.searchNamePlaceholder}
            onChange={setText}
          />
        </View>
        <Button
          type="primary"
          className="admin-search"
          onClick={() => search({ unit, subunits, q: text.trim() })}
        >
          {m.search}
        </Button>
        <Button
          type="default"
          onClick={() => {
            setUnit(null);
            setText('');
            search({ unit: null, subunits: true, q: '' });
          }}
        >
          {m.clearFilters}
        </Button>
      </View>
      {units.error ? <ErrorNotice error={units.error} onRetry={units.reload} /> : null}
      <PendingGrants
        onDecided={(message) => {
          status.setDone(message);
          reload();
        }}
      />
      {oneTime ? (
        <OneTimePassword
          username={oneTime.username}
          password={oneTime.password}
          fresh={oneTime.fresh}
          onDone={() => setOneTime(null)}
        />
      ) : null}
      {creating ? (
        <CreateUser
          groups={groups}
          onClose={() => setCreating(false)}
          onCreated={(u, password) => {
            setCreating(false);
            status.setDone(
              u.pendingGrant
                ? m.createdHeld(u.displayName, roleNames(addedBy(u.roles, u.pendingGrant.rolesTo)))
                : m.created(u.displayName),
            );
            if (u.pendingGrant) void invalidate('adminRoleGrants');
            setOneTime({ username: u.username ?? '', password, fresh: true });
            reload();
          }}
        />
      ) : null}
      {managing ? (
        <ManageUser
          key={managing.id}
          user={managing}
          groups={groups}
          onClose={() => setManaging(null)}
          onChanged={(message) => {
            setManaging(null);
            status.setDone(message);
            reload();
          }}
          onPassword={(u, password) => {
            setManaging(null);
            status.setDone(m.passwordReset(u.displayName));
            setOneTime({ username: u.username ?? '', password, fresh: false });
          }}
        />
      ) : null}
      <WriteStatus error={null} done={status.done} />
      {loadError ? <ErrorNotice error={loadError} onRetry={reload} /> : null}
      {page ? (
        <View>
          <Grid
            testId="admin-users"
            columns={[
              { key: 'displayName', title: m.displayName },
              { key: 'username', title: m.username },
              { key: 'roles', title: m.roles },
              { key: 'unit', title: m.unit },
              { key: 'totp', title: m.totp },
              { key: 'status', title: m.status },
              { key: 'actions', title: m.actions },
            ]}
            rows={page.items.map((u) => ({
              displayName: <Text data-username={u.username ?? ''}>{u.displayName}</Text>,
              username: u.username ?? u.phoneMasked ?? '',
              roles: (
                <View>
                  <Text>{roleNames(u.roles)}</Text>
                  {u.pendingGrant ? (
                    <Text className="small-print admin-pending-grant" data-testid="pending-grant">
                      {' '}
                      {m.pendingLabel(roleNames(addedBy(u.roles, u.pendingGrant.rolesTo)))}
                    </Text>
                  ) : null}
                </View>
              ),
              unit: unitName(u.unitCode),
              totp: u.kind === 'staff' ? (u.totpEnrolled ? `✓ ${m.totpYes}` : m.totpNo) : '',
              status: u.status === 'active' ? `✓ ${m.active}` : m.inactive,
              actions: (
                <RowButtons>
                  <Button
                    size="small"
                    type="default"
                    className="admin-manage"
                    onClick={() => {
                      status.clear();
                      setCreating(false);
                      setOneTime(null);
                      setManaging(u);
                    }}
                  >
                    {m.manage}
                  </Button>
                </RowButtons>
              ),
            }))}
          />
          {page.nextCursor ? (
            <Button type="default" onClick={() => void more()}>
              {m.more}
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
