/**
 * ARIA attributes Taro's component types do not list. Spread them onto a View or Text
 * (`<View {...ROLE.alert}>`): H5 renders them as is; the mini-program ignores what it does not support.
 */
export const ROLE = {
  alert: { role: 'alert' },
  status: { role: 'status', 'aria-live': 'polite' },
  radio: (checked: boolean) => ({ role: 'radio', 'aria-checked': checked ? 'true' : 'false' }),
  button: { role: 'button' },
  list: { role: 'list' },
  listitem: { role: 'listitem' },
} as const;
