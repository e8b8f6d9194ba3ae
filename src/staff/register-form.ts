/** The registration form (来信、来访、来电) as data: validation in Chinese and the request body. */
import { staffMessages } from '../messages/staff';
import type { RegisterCaseBody } from './api';

const m = staffMessages.register;

/** 第二十条第三款: a group visit elects at most five representatives. */
export const MAX_REPRESENTATIVES = 5;

export type Channel = RegisterCaseBody['channel'];
export type Category = 'claim' | 'suggestion' | 'accusation';

export interface Form {
  channel: Channel;
  receivedAt: string;
  name: string;
  phone: string;
  idNumber: string;
  address: string;
  group: boolean;
  representatives: string[];
  category: Category | null;
  accusedUnit: string | null;
  accusedNames: string;
  title: string;
  request: string;
  facts: string;
  reasons: string;
  location: string;
}

export const EMPTY: Form = {
  channel: 'letter',
  receivedAt: '',
  name: '',
  phone: '',
  idNumber: '',
  address: '',
  group: false,
  representatives: [],
  category: null,
  accusedUnit: null,
  accusedNames: '',
  title: '',
  request: '',
  facts: '',
  reasons: '',
  location: '',
};

/** "2026-11-23 09:30" (China time) → ISO instant; empty → undefined (the server takes now). */
export function parseReceivedAt(text: string): string | null | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const r = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$/.exec(t);
  if (!r) return null;
  const iso = `${r[1]}-${r[2]}-${r[3]}T${r[4] ?? '00'}:${r[5] ?? '00'}:00+08:00`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

export type Errors = Partial<Record<keyof Form | 'rep', string>>;

export function validate(form: Form): Errors {
  const e: Errors = {};
  const need = (k: keyof Form, label: string, min = 1) => {
    const v = String(form[k] ?? '').trim();
    if (v.length < min) e[k] = m.required(label);
  };
  if (parseReceivedAt(form.receivedAt) === null) e.receivedAt = m.receivedAtInvalid;
  need('name', m.name);
  if (form.phone.trim() && !/^1[3-9]\d{9}$/.test(form.phone.trim())) e.phone = m.phoneInvalid;
  if (form.idNumber.trim() && !/^\d{17}[\dXx]$/.test(form.idNumber.trim())) e.idNumber = m.idInvalid;
  if (form.group && form.representatives.length > MAX_REPRESENTATIVES) e.rep = m.tooManyRepresentatives;
  if (!form.category) e.category = staffMessages.actions.categoryRequired;
  if (form.category === 'accusation' && !form.accusedUnit && !form.accusedNames.trim())
    e.accusedNames = m.accusedRequired;
  need('title', m.title, 2);
  need('request', m.request, 2);
  need('facts', m.facts, 2);
  return e;
}

export function toBody(form: Form, idempotencyKey: string): RegisterCaseBody {
  const names = form.accusedNames.split(/[,，、\s]+/).filter(Boolean);
  const receivedAt = parseReceivedAt(form.receivedAt);
  return {
    idempotencyKey,
    channel: form.channel,
    ...(receivedAt ? { receivedAt } : {}),
    petitioner: {
      name: form.name.trim(),
      ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
      ...(form.idNumber.trim() ? { idNumber: form.idNumber.trim().toUpperCase() } : {}),
      ...(form.address.trim() ? { address: form.address.trim() } : {}),
    },
    classification:
      form.category === 'accusation'
        ? {
            category: 'accusation',
            accused: {
              ...(form.accusedUnit ? { unitId: form.accusedUnit } : {}),
              ...(names.length ? { names } : {}),
            },
          }
        : { category: form.category ?? 'claim' },
    ...(form.group && form.representatives.length ? { representatives: form.representatives } : {}),
    title: form.title.trim(),
    request: form.request.trim(),
    facts: form.facts.trim(),
    ...(form.reasons.trim() ? { reasons: form.reasons.trim() } : {}),
    ...(form.location.trim() ? { location: { address: form.location.trim() } } : {}),
  };
}
