import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { staffMessages } from '../../messages/staff';
import { staffApi, type AdminCategory } from '../api';
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

/** The contract's format (server/src/contracts/admin.ts), checked here only to name the field in words. */
const CODE = /^[a-z0-9][a-z0-9-]{0,31}$/;
const TOP = '';

function NewCategory({
  parents,
  onClose,
  onSaved,
}: {
  parents: AdminCategory[];
  onClose: () => void;
  onSaved: (c: AdminCategory) => void;
}) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [parent, setParent] = useState(TOP);
  const [hint, setHint] = useState('');
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const write = useWrite();
  const submit = async () => {
    const bad: Record<string, string> = {};
    if (!code.trim()) bad.code = m.required(m.categoryCode);
    else if (!CODE.test(code.trim())) bad.code = m.format(m.categoryCode, m.categoryCodeRule);
    if (!name.trim()) bad.name = m.required(m.categoryName);
    setInvalid(bad);
    if (Object.keys(bad).length) return;
    const c = await write.run(
      () =>
        staffApi.adminCreateCategory({
          code: code.trim(),
          name: name.trim(),
          parentCode: parent || null,
          ...(hint.trim() ? { hint: hint.trim() } : {}),
        }),
      (x) => m.categoryCreated(x.name),
    );
    if (c) onSaved(c);
  };
  return (
    <Panel title={m.newCategory} onClose={onClose} testId="category-form">
      <Field label={m.categoryCode} required hint={m.categoryCodeHint} error={invalid.code}>
        <Input className="field-input" name="code" value={code} maxLength={32} onChange={setCode} />
      </Field>
      <Field label={m.categoryName} required error={invalid.name}>
        <Input
          className="field-input"
          name="name"
          value={name}
          maxLength={50}
          placeholder={m.categoryNamePlaceholder}
          onChange={setName}
        />
      </Field>
      <Field label={m.categoryLevel} required>
        <Chips
          label={m.categoryLevel}
          options={[
            { value: TOP, label: m.topLevel },
            ...parents.map((p) => ({ value: p.code, label: `${m.categoryParent}：${p.name}` })),
          ]}
          value={parent}
          onChange={setParent}
          testId="category-parent"
        />
      </Field>
      <Field label={m.categoryHint}>
        <Input
          className="field-input"
          name="hint"
          value={hint}
          maxLength={100}
          placeholder={m.categoryHintPlaceholder}
          onChange={setHint}
        />
      </Field>
      <FormFooter write={write} onSubmit={() => void submit()} onCancel={onClose} />
    </Panel>
  );
}

function Rename({
  category,
  onClose,
  onSaved,
}: {
  category: AdminCategory;
  onClose: () => void;
  onSaved: (c: AdminCategory) => void;
}) {
  const [name, setName] = useState(category.name);
  const [invalid, setInvalid] = useState<string>();
  const write = useWrite();
  const submit = async () => {
    if (!name.trim()) return setInvalid(m.required(m.newName));
    setInvalid(undefined);
    const c = await write.run(
      () => staffApi.adminUpdateCategory(category.code, { name: name.trim() }),
      (x) => m.categorySaved(x.name),
    );
    if (c) onSaved(c);
  };
  return (
    <Panel title={m.renameTitle(category.name)} onClose={onClose} testId="category-rename">
      <Field label={m.newName} required error={invalid}>
        <Input className="field-input" name="name" value={name} maxLength={50} onChange={setName} />
      </Field>
      <FormFooter write={write} onSubmit={() => void submit()} onCancel={onClose} />
    </Panel>
  );
}

/** Two levels of 事项分类: add, rename, deactivate (cases keep theirs) or re-activate. */
export function Categories() {
  const { data, error, reload } = useLoad(['adminCategories'], () => staffApi.adminCategories());
  const [form, setForm] = useState<{ kind: 'new' } | { kind: 'rename'; category: AdminCategory } | null>(
    null,
  );
  const write = useWrite();
  const { ask, dialog } = useConfirm();
  if (error) return <ErrorNotice error={error} onRetry={reload} />;
  if (!data) return <Text className="loading">{staffMessages.inbox.loading}</Text>;
  const parents = data.categories.filter((c) => !c.parentCode && c.active);
  const saved = (message: string) => {
    setForm(null);
    write.clear();
    write.setDone(message);
    reload();
  };
  const toggle = (c: AdminCategory) =>
    ask({
      title: c.active ? m.categoryDeactivateTitle : m.activate,
      content: c.active ? m.categoryDeactivateConfirm(c.name) : m.unitActivateConfirm(c.name),
      confirmText: c.active ? m.deactivate : m.activate,
      onConfirm: () =>
        void write
          .run(
            () =>
              c.active
                ? staffApi.adminDeactivateCategory(c.code)
                : staffApi.adminUpdateCategory(c.code, { active: true }),
            (x) => (x.active ? m.categoryActivated(x.name) : m.categoryDeactivated(x.name)),
          )
          .then((x) => x && reload()),
    });

  return (
    <View>
      <View className="action-form__buttons admin-toolbar">
        <Button
          type="primary"
          className="admin-new-category"
          onClick={() => {
            write.clear();
            setForm({ kind: 'new' });
          }}
        >
          {m.newCategory}
        </Button>
      </View>
      {form?.kind === 'new' ? (
        <NewCategory
          parents={parents}
          onClose={() => setForm(null)}
          onSaved={(c) => saved(m.categoryCreated(c.name))}
        />
      ) : null}
      {form?.kind === 'rename' ? (
        <Rename
          key={form.category.code}
          category={form.category}
          onClose={() => setForm(null)}
          onSaved={(c) => saved(m.categorySaved(c.name))}
        />
      ) : null}
      <WriteStatus error={write.error} done={write.done} />
      {dialog}
      <Grid
        testId="admin-categories"
        columns={[
          { key: 'name', title: m.categoryName },
          { key: 'code', title: m.categoryCode },
          { key: 'parent', title: m.categoryParent },
          { key: 'status', title: m.status },
          { key: 'actions', title: m.actions },
        ]}
        rows={data.categories.map((c) => ({
          name: <Text data-category={c.code}>{`${c.parentCode ? '　└ ' : ''}${c.name}`}</Text>,
          code: c.code,
          parent: c.parentCode
            ? (data.categories.find((p) => p.code === c.parentCode)?.name ?? c.parentCode)
            : '',
          status: activeText(c.active),
          actions: (
            <RowButtons>
              <Button
                size="small"
                type="default"
                onClick={() => {
                  write.clear();
                  setForm({ kind: 'rename', category: c });
                }}
              >
                {m.rename}
              </Button>
              <ActiveToggle active={c.active} onClick={() => toggle(c)} />
            </RowButtons>
          ),
        }))}
      />
    </View>
  );
}
