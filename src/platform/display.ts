import Taro from '@tarojs/taro';
import { IS_WEAPP } from './env';

/** WeChat's 「我-设置-通用-字体大小」 in px: 16–17 is the standard size; the larger settings start near 20. */
const LARGE_FONT_SETTING_PX = 20;

/**
 * Whether the phone asks for large text. The mini-program reads WeChat's own font-size setting, which does
 * not scale mini-program pages by itself; H5 pages follow the browser's text zoom already (no fixed heights).
 */
export function systemPrefersLargeText(): boolean {
  if (!IS_WEAPP) return false;
  try {
    const info = (Taro.getAppBaseInfo ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync()) as {
      fontSizeSetting?: number;
    };
    return typeof info.fontSizeSetting === 'number' && info.fontSizeSetting >= LARGE_FONT_SETTING_PX;
  } catch {
    return false;
  }
}
