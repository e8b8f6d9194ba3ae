import Taro from '@tarojs/taro';
import { IS_WEAPP } from './env';

/**
 * WeChat's privacy authorization (小程序隐私保护指引): a privacy-relevant API (choosing photos, the map)
 * first fires `onNeedPrivacyAuthorization`; the app must show its notice and answer with the id of a button
 * whose open-type is `agreePrivacyAuthorization`. H5 has no such gate: our own consent screen
 * (components/consent-view.tsx) is the notice there, and `require()` resolves at once.
 */
type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

const NEED_EVENT = 'privacy:need';
let pending: Resolve | null = null;
/** While a screen shows the notice itself (the consent screen), the fallback popup stays hidden. */
let inlineHosts = 0;

export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree';

export const privacy = {
  supported: IS_WEAPP,

  /** Called once at app start. */
  install(): void {
    if (!IS_WEAPP || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
    Taro.onNeedPrivacyAuthorization((resolve) => {
      pending = resolve;
      Taro.eventCenter.trigger(NEED_EVENT);
    });
  },

  /** Asks WeChat whether the resident has agreed; shows the notice if not. Resolves true once agreed. */
  require(): Promise<boolean> {
    if (!IS_WEAPP || typeof Taro.requirePrivacyAuthorize !== 'function') return Promise.resolve(true);
    return new Promise((resolve) => {
      Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) });
    });
  },

  /** The agree button (open-type agreePrivacyAuthorization) was tapped. */
  agree(buttonId: string = PRIVACY_AGREE_BUTTON_ID): void {
    pending?.({ event: 'agree', buttonId });
    pending = null;
  },

  disagree(): void {
    pending?.({ event: 'disagree' });
    pending = null;
  },

  /** Tells WeChat the notice is on screen now (optional; before agree/disagree). */
  exposed(): void {
    pending?.({ event: 'exposureAuthorization' });
  },

  isPending(): boolean {
    return pending !== null;
  },

  onNeed(listener: () => void): () => void {
    Taro.eventCenter.on(NEED_EVENT, listener);
    return () => {
      Taro.eventCenter.off(NEED_EVENT, listener);
    };
  },

  /** A screen that shows the notice inline registers itself while mounted. */
  hostInline(): () => void {
    inlineHosts += 1;
    return () => {
      inlineHosts -= 1;
    };
  },

  hasInlineHost(): boolean {
    return inlineHosts > 0;
  },

  openContract(): void {
    if (IS_WEAPP && typeof Taro.openPrivacyContract === 'function') Taro.openPrivacyContract({});
  },
};
