import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { staffMessages } from '../../messages/staff';
import type { UnitKind } from '../../../server/src/domain/units';
import { staffApi, type UnitNode } from '../api';
import { Chips } from '../components/chips';
import { Button, Input } from '../components/nutui';
import {
  FormFooter,
  activeText,
  Grid,
  m,
  Panel,
  RowButtons,
  useConfirm,
  useLoad,
  useWrite,
  WriteStatus,
  ActiveToggle,
} from './parts';

/** The unit kinds of the domain, in the order an administrator meets them; the compiler keeps the two in step. */
export const UNIT_KIND_OPTIONS = [
  '信访部门',
  '职能部门',
  '乡镇街道',
  '人民政府',
  '纪检监察',
  '政法',
] as const;
type MissingKind = Exclude<UnitKind, (typeof UNIT_KIND_OPTIONS)[number]>;
const allKinds: MissingKind extends never ? true : never = true;
void allKinds;

/** Formats the contract checks too (server/src/contracts/admin.ts); checked here only to name the field in words. */
const CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const REGION = /^[0-9]{6}$/;

type Editing = { mode: 'create'; parent: UnitNode } | { mode: 'edit'; unit: UnitNode };

function UnitForm({
  editing,
  profileIds,
  onClose,
  onSaved,
}: {
  editing: Editing;
  profileIds: string[];
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const base = editing.mode === 'create' ? editing.parent : editing.unit;
  const [code, setCode] = useState('');
  const [name, setName] = useState(editing.mode === 'edit' ? editing.unit.name : '');
  const [kind, setKind] = useState<UnitKind>(editing.mode === 'edit' ? editing.unit.kind : '职能部门');
  const [region, setRegion] = useState(base.regionCode);
  const [profileId, setProfileId] = useState(base.profileId);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const write = useWrite();

  const submit = async () => {
    const bad: Record<string, string> = {};
    if (editing.mode === 'create') {
      if (!code.trim()) bad.code = m.required(m.unitCode);
      else if (!CODE.test(code.trim())) bad.code = m.format(m.unitCode, m.unitCodeRule);
    }
    if (!name.trim()) bad.name = m.required(m.unitName);
    if (!REGION.test(region.trim())) bad.region = m.format(m.region, m.regionRule);
    setInvalid(bad);
    if (Object.keys(bad).length) return;
    const fields = { name: name.trim(), kind, regionCode: region.trim(), profileId };
    const saved =
      editing.mode === 'create'
        ? await write.run(
            () => staffApi.adminCreateUnit({ code: code.trim(), parentCode: editing.parent.code, ...fields }),
            (u) => m.unitCreated(u.name),
          )
        : await write.run(
            () => staffApi.adminUpdateUnit(editing.unit.code, fields),
            (u) => m.unitSaved(u.name),
          );
    if (saved) onSaved(editing.mode === 'create' ? m.unitCreated(saved.name) : m.unitSaved(saved.name));
  };

  return (
    <Panel
      title={
        editing.mode === 'create' ? m.newUnitTitle(editing.parent.name) : m.editUnitTitle(editing.unit.name)
      }
      onClose={onClose}
      testId="unit-form"
    >
      {editing.mode === 'create' ? (
        <Field label={m.unitCode} required hint={m.unitCodeHint} error={invalid.code}>
          <Input className="field-input" name="code" value={code} placeholder="jd-xxx" onChange={setCode} />
        </Field>
      ) : null}
      <Field label={m.unitName} required error={invalid.name}>
        <Input className="field-input" name="name" value={name} maxLength={100} onChange={setName} />
      </Field>
      <Field label={m.unitKind} required>
        <Chips
          label={m.unitKind}
          options={UNIT_KIND_OPTIONS.map((k) => ({ value: k, label: k }))}
          value={kind}
          onChange={setKind}
          testId="unit-kind"
        />
      </Field>
      <Field label={m.region} required hint={m.regionHint} error={invalid.region}>
        <Input className="field-input" name="region" value={region} maxLength={6} onChange={setRegion} />
      </Field>
      <Field label={m.profile} required hint={m.unitProfileHint}>
        <Chips
          label={m.profile}
          options={profileIds.map((p) => ({ value: p, label: p }))}
          value={profileId}
          onChange={setProfileId}
          testId="unit-profile"
        />
      </Field>
      <FormFooter write={write} onSubmit={() => void submit()} onCancel={onClose} />
    </Panel>
  );
}

/** The unit tree (pre-order, indented): add a unit under any active one, edit, deactivate or re-activate. */
export function Units() {
  const { data, error, reload } = useLoad(['adminUnits', 'withProfiles'], () =>
    Promise.all([staffApi.adminUnits(), staffApi.adminProfiles()]),
  );
  const [editing, setEditing] = useState<Editing | null>(null);
  const write = useWrite();
  const { ask, dialog } = useConfirm();
  if (error) return <ErrorNotice error={error} onRetry={reload} />;
  if (!data) return <Text className="loading">{staffMessages.inbox.loading}</Text>;
  const [tree, profiles] = data;
  const profileIds = [...new Set(profiles.profiles.map((p) => p.id))];

  const open = (e: Editing) => {
    write.clear();
    setEditing(e);
  };
  const toggle = (u: UnitNode) =>
    ask({
      title: u.active ? m.unitDeactivateTitle : m.activate,
      content: u.active ? m.unitDeactivateConfirm(u.name) : m.unitActivateConfirm(u.name),
      confirmText: u.active ? m.deactivate : m.activate,
      onConfirm: () =>
        void write
          .run(
            () => staffApi.adminUpdateUnit(u.code, { active: !u.active }),
            (r) => (r.active ? m.unitActivated(r.name) : m.unitDeactivated(r.name)),
          )
          .then((r) => r && reload()),
    });

  return (
    <View>
      {editing ? (
        <UnitForm
          key={editing.mode === 'create' ? `c-${editing.parent.code}` : `e-${editing.unit.code}`}
          editing={editing}
          profileIds={profileIds}
          onClose={() => setEditing(null)}
          onSaved={(message) => {
            setEditing(null);
            write.clear();
            write.setDone(message);
            reload();
          }}
        />
      ) : null}
      <WriteStatus error={write.error} done={write.done} />
      {dialog}
      <Grid
        testId="admin-units"
        columns={[
          { key: 'name', title: m.unitName },
          { key: 'code', title: m.unitCode },
          { key: 'kind', title: m.unitKind },
          { key: 'region', title: m.region },
          { key: 'profile', title: m.profile },
          { key: 'status', title: m.status },
          { key: 'actions', title: m.actions },
        ]}
        rows={tree.units.map((u) => ({
          // The tree: each unit follows its parent, indented by its depth.
          name: (
            <Text data-unit={u.code}>{`${'　'.repeat(u.depth)}${u.depth > 0 ? '└ ' : ''}${u.name}`}</Text>
          ),
          code: u.code,
          kind: u.kind,
          region: u.regionCode,
          profile: u.profileId,
          status: activeText(u.active),
          actions: (
            <RowButtons>
              {u.active ? (
                <Button size="small" type="default" onClick={() => open({ mode: 'create', parent: u })}>
                  {m.addChild}
                </Button>
              ) : null}
              <Button size="small" type="default" onClick={() => open({ mode: 'edit', unit: u })}>
                {m.edit}
              </Button>
              <ActiveToggle active={u.active} onClick={() => toggle(u)} />
            </RowButtons>
          ),
        }))}
      />
    </View>
  );
}
