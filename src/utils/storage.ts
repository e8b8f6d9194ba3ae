import Taro from '@tarojs/taro';

/** Keys of everything the client keeps in local storage (wx storage / localStorage on H5). */
export const STORAGE_KEYS = {
  largeText: 'settings.largeText',
  /** The login session: token, expiry and who it is (api/session.ts). */
  session: 'auth.session',
  /** The filing form in progress (utils/draft.ts): survives a lost connection or a closed app. */
  draft: 'filing.draft',
  /** The resident agreed to the personal-information notice (utils/consent.ts). */
  consent: 'privacy.consent',
  /** The unit chosen last time, offered first next time. */
  lastUnit: 'filing.lastUnit',
} as const;

export function readBoolean(key: string, fallback = false): boolean {
  try {
    const value: unknown = Taro.getStorageSync(key);
    return typeof value === 'boolean' ? value : fallback;
  } catch {
    return fallback;
  }
}

export function writeBoolean(key: string, value: boolean): void {
  Taro.setStorageSync(key, value);
}

/** Reads a stored object; anything unreadable or of the wrong shape counts as absent. */
export function readJson<T>(key: string, isValid: (value: unknown) => value is T): T | null {
  try {
    const value: unknown = Taro.getStorageSync(key);
    return isValid(value) ? value : null;
  } catch {
    return null;
  }
}

/** Storage is synchronous and survives the app being killed: write as soon as something changes. */
export function writeJson(key: string, value: unknown): void {
  Taro.setStorageSync(key, value);
}

export function remove(key: string): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    // Nothing stored, nothing to remove.
  }
}
