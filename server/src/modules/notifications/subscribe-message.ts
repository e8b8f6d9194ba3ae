import { DOCUMENT_LABELS, formatChineseDateTime, type DocumentKind } from '../../domain';
import { fitValue, kindOfKey } from '../../adapters/wechat/subscribe-fields';
import type { Config } from '../../config';
import type { NotificationDoc } from './notification.model';

/**
 * What a WeChat card says. Only fixed texts, the case number, a document's name and the time go into a
 * template — never the message text, the case title or a name: a card shows on the lock screen and in the
 * chat list, and anything personal stays behind the mini-program's login.
 */
export const SLOTS = ['caseNumber', 'progress', 'time', 'tip'] as const;
export type Slot = (typeof SLOTS)[number];

export interface SubscribeSettings {
  templateId?: string;
  /** Our slots → the template's keyword names (WECHAT_SUBSCRIBE_FIELDS). */
  fields: Partial<Record<Slot, string>>;
  page: string;
  state: Config['WECHAT_SUBSCRIBE_STATE'];
}

/** `caseNumber=character_string1,progress=thing2` → { caseNumber: 'character_string1', … } */
export function parseFieldMap(spec: string): Partial<Record<Slot, string>> {
  const out: Partial<Record<Slot, string>> = {};
  for (const pair of spec.split(',')) {
    const [slot, key] = pair.split('=') as [Slot, string];
    if ((SLOTS as readonly string[]).includes(slot) && key) out[slot] = key;
  }
  return out;
}

function slotValue(slot: Slot, n: NotificationDoc, key: string): string {
  switch (slot) {
    case 'caseNumber':
      return n.caseNumber;
    case 'progress': {
      // A phrase field holds 5 汉字 at most: a cut-down sentence would read as nonsense.
      if (kindOfKey(key) === 'phrase') return n.document ? '文书送达' : '有新进展';
      const label = n.document ? DOCUMENT_LABELS[n.document as DocumentKind] : undefined;
      return label ? `已出具${label}` : '信访事项有新进展';
    }
    case 'time':
      return formatChineseDateTime(n.createdAt);
    case 'tip':
      return '请进入小程序查看详情';
  }
}

export function subscribeContent(
  n: NotificationDoc,
  settings: SubscribeSettings,
): { data: Record<string, { value: string }>; page: string } {
  const data: Record<string, { value: string }> = {};
  for (const slot of SLOTS) {
    const key = settings.fields[slot];
    if (key) data[key] = { value: fitValue(key, slotValue(slot, n, key)) };
  }
  return { data, page: `${settings.page}?id=${encodeURIComponent(n.caseId)}` };
}
