import { useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { useQuery, type QueryKey } from '../../api/query';
import { ErrorNotice } from '../../components/error-notice';
import { staffMessages } from '../../messages/staff';
import { ROLE } from '../../utils/a11y';
import { Button, Dialog, Table } from '../components/nutui';

export const m = staffMessages.admin;

export type Row = Record<string, ReactNode>;

/** An admin table's data, through the one query layer (same loading, error, retry, refresh-on-show). */
export function useLoad<T>(
  key: QueryKey,
  load: () => Promise<T>,
): { data: T | null; error: unknown; reload: () => void } {
  const q = useQuery(key, load);
  return { data: q.data ?? null, error: q.error, reload: () => void q.reload() };
}

/**
 * One write at a time: `run` refuses while a write is under way (a double click sends one request), keeps
 * the server's error for display and the success message for the status line.
 */
export function useWrite() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = async <T,>(write: () => Promise<T>, message: (result: T) => string): Promise<T | null> => {
    if (busy) return null;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await write();
      setDone(message(result));
      return result;
    } catch (err) {
      setError(err);
      return null;
    } finally {
      setBusy(false);
    }
  };
  const clear = () => {
    setError(null);
    setDone(null);
  };
  return { busy, error, done, run, clear, setError, setDone };
}

/** The outcome of the last write: the server's refusal, or what was done, announced politely. */
export function WriteStatus({ error, done }: { error: unknown; done: string | null }) {
  return (
    <View>
      {error ? (
        <View data-testid="admin-error">
          <ErrorNotice error={error} />
        </View>
      ) : null}
      {done ? (
        <View className="notice notice--done" data-testid="admin-done" {...ROLE.status}>
          <View className="notice__head">
            <Text className="notice__icon" aria-hidden>
              ✓
            </Text>
            <Text className="notice__text">{done}</Text>
          </View>
        </View>
      ) : null}
    </View>
  );
}

export function Grid({
  columns,
  rows,
  testId,
}: {
  columns: { key: string; title: string }[];
  rows: Row[];
  testId: string;
}) {
  return (
    <View className="admin-table" data-testid={testId}>
      <Text className="small-print">{m.count(rows.length)}</Text>
      <Table columns={columns} data={rows} bordered striped />
    </View>
  );
}

/** A form or a detail shown above a table, with its title and a close button. */
export function Panel({
  title,
  onClose,
  children,
  testId,
}: {
  title: string;
  onClose?: () => void;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <View className="action-form admin-panel" data-testid={testId}>
      <View className="admin-panel__head">
        <Text className="action-form__title">{title}</Text>
        {onClose ? (
          <Button type="default" size="small" className="admin-panel__close" onClick={onClose}>
            {m.close}
          </Button>
        ) : null}
      </View>
      {children}
    </View>
  );
}

/** Small buttons inside a table row. */
export function RowButtons({ children }: { children: ReactNode }) {
  return <View className="admin-row-buttons">{children}</View>;
}

/** A row's 停用/启用 button: deactivating is the dangerous direction, so it reads in red. */
export function ActiveToggle({ active, onClick }: { active: boolean; onClick: () => void }) {
  return (
    <Button size="small" type="default" className={active ? 'admin-danger' : ''} onClick={onClick}>
      {active ? m.deactivate : m.activate}
    </Button>
  );
}

export interface ConfirmState {
  title: string;
  content: string;
  confirmText: string;
  onConfirm: () => void;
}

/** The one confirmation dialog of a tab: `ask(...)` opens it; confirming runs the action and closes it. */
export function useConfirm() {
  const [state, setState] = useState<ConfirmState | null>(null);
  const close = () => setState(null);
  const dialog = (
    <Dialog
      className="admin-confirm"
      visible={!!state}
      title={state?.title ?? ''}
      content={state?.content ?? ''}
      confirmText={state?.confirmText ?? ''}
      cancelText={m.cancel}
      onConfirm={() => {
        const run = state?.onConfirm;
        close();
        run?.();
      }}
      onCancel={close}
      onClose={close}
    />
  );
  return { ask: setState, dialog };
}

/** Several choices at once (roles): each chip a checkbox, chosen ones marked with ✓ — not by colour alone. */
export function MultiChips({
  options,
  value,
  onChange,
  label,
  testId,
}: {
  options: readonly { value: string; label: string }[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  label: string;
  testId?: string;
}) {
  return (
    <View className="chips" role="group" aria-label={label} data-testid={testId}>
      {options.map((o) => {
        const checked = value.includes(o.value);
        return (
          <View
            key={o.value}
            className={`chip ${checked ? 'chip--checked' : ''}`}
            role="checkbox"
            aria-checked={checked ? 'true' : 'false'}
            data-value={o.value}
            onClick={() => onChange(checked ? value.filter((v) => v !== o.value) : [...value, o.value])}
          >
            <Text>
              {checked ? '✓ ' : ''}
              {o.label}
            </Text>
          </View>
        );
      })}
    </View>
  );
}

export const activeText = (active: boolean) => (active ? `✓ ${m.active}` : m.inactive);

/** A form's foot: the server's refusal of the last submit, then submit (busy while it runs) and cancel. */
export function FormFooter({
  write,
  onSubmit,
  onCancel,
  label,
}: {
  write: { busy: boolean; error: unknown };
  onSubmit: () => void;
  onCancel: () => void;
  label?: string;
}) {
  return (
    <View>
      <WriteStatus error={write.error} done={null} />
      <View className="action-form__buttons">
        <Button type="primary" className="admin-submit" loading={write.busy} onClick={onSubmit}>
          {label ?? (write.busy ? m.saving : m.save)}
        </Button>
        <Button type="default" onClick={onCancel}>
          {m.cancel}
        </Button>
      </View>
    </View>
  );
}
