/** ARIA attributes Taro's component types do not list (see utils/a11y.ts), for the leader pages. */
export const heading = (level: number) => ({ role: 'heading', 'aria-level': level });
export const role = (name: string, extra: Record<string, string> = {}) => ({ role: name, ...extra });
/** A tappable View: a button that the keyboard can also reach (H5). */
export const button = { role: 'button', tabindex: '0' };
