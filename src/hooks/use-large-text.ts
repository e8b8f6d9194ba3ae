import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { systemPrefersLargeText } from '../platform/display';
import { STORAGE_KEYS, readBoolean, writeBoolean } from '../utils/storage';

const CHANGE_EVENT = 'settings:large-text';

/** The resident's own choice wins; until they make one, follow the phone's font-size setting. */
export function isLargeTextOn(): boolean {
  return readBoolean(STORAGE_KEYS.largeText, systemPrefersLargeText());
}

/**
 * 大字模式 (适老化). Persisted in storage; every mounted page listens, so tab pages that stay alive
 * switch at once when the setting changes on 我的.
 */
export function useLargeText(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState<boolean>(isLargeTextOn);

  useEffect(() => {
    const listener = (value: boolean) => setOn(value);
    Taro.eventCenter.on(CHANGE_EVENT, listener);
    return () => {
      Taro.eventCenter.off(CHANGE_EVENT, listener);
    };
  }, []);

  const set = useCallback((value: boolean) => {
    writeBoolean(STORAGE_KEYS.largeText, value);
    Taro.eventCenter.trigger(CHANGE_EVENT, value);
  }, []);

  return [on, set];
}
