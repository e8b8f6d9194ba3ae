/**
 * Value rules of subscribe-message template fields (小程序订阅消息 "参数值内容限制说明"): the keyword's
 * name says its kind (`thing2` is a thing). A value breaking them makes WeChat refuse the whole message
 * (47003), so every value is fitted to its kind before sending — and a fitted value is still never more than
 * what we chose to put there (no personal data goes into a template in the first place).
 */
export const FIELD_KINDS = [
  'thing', // 20 个以内字符（汉字、数字、字母或符号）
  'number', // 32 位以内数字，可带小数
  'letter', // 32 位以内字母
  'symbol', // 5 位以内符号
  'character_string', // 32 位以内数字、字母或符号
  'time', // 24 小时制时间，可带年月日：2019年10月1日 15:01
  'date', // 年月日，可带时间
  'amount', // 1 个币种符号 + 10 位以内数字，可带小数，结尾可带“元”
  'phone_number', // 17 位以内数字、符号
  'car_number', // 8 位以内
  'name', // 10 个以内纯汉字或 20 个以内纯字母或符号
  'phrase', // 5 个以内纯汉字
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** `character_string12` → `character_string`; undefined for a name that is no known kind. */
export function kindOfKey(key: string): FieldKind | undefined {
  const m = /^([a-z_]+?)(\d+)$/.exec(key);
  return m && (FIELD_KINDS as readonly string[]).includes(m[1]!) ? (m[1] as FieldKind) : undefined;
}

const chars = (s: string) => [...s];
const HAN = /\p{Script=Han}/u;

function cut(value: string, max: number): string {
  const c = chars(value);
  // An ellipsis tells the reader the text goes on in the mini-program.
  return c.length <= max ? value : `${c.slice(0, max - 1).join('')}…`;
}

/** Fits `value` to the rules of the field `key`; never returns an empty string (WeChat refuses those). */
export function fitValue(key: string, value: string): string {
  const kind = kindOfKey(key);
  const v = value.replace(/\s+/g, ' ').trim();
  let out: string;
  switch (kind) {
    case 'thing':
      out = cut(v, 20);
      break;
    case 'character_string':
      out = chars(v)
        .filter((c) => /[\x21-\x7e]/.test(c))
        .slice(0, 32)
        .join('');
      break;
    case 'number':
      out = v.replace(/[^\d.]/g, '').slice(0, 32);
      break;
    case 'letter':
      out = v.replace(/[^A-Za-z]/g, '').slice(0, 32);
      break;
    case 'symbol':
      out = chars(v)
        .filter((c) => /[^\p{L}\p{N}\s]/u.test(c))
        .slice(0, 5)
        .join('');
      break;
    case 'phrase':
      out = chars(v)
        .filter((c) => HAN.test(c))
        .slice(0, 5)
        .join('');
      break;
    case 'name': {
      const han = chars(v).filter((c) => HAN.test(c));
      out = han.length ? han.slice(0, 10).join('') : chars(v).slice(0, 20).join('');
      break;
    }
    case 'phone_number':
      out = v.replace(/[^\d+-]/g, '').slice(0, 17);
      break;
    case 'car_number':
      out = chars(v).slice(0, 8).join('');
      break;
    default:
      // time, date, amount: we format them ourselves; unknown kinds pass through shortened.
      out = cut(v, 32);
  }
  if (out) return out;
  return kind === 'character_string' || kind === 'number' || kind === 'letter'
    ? '0'
    : kind === 'symbol'
      ? '-'
      : '无';
}
