import Taro from '@tarojs/taro';

/** Keys of everything the client keeps in local storage (wx storage / localStorage on H5). */
export const STORAGE_KEYS = {
  largeText: 'settings.largeText',
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
