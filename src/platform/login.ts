import Taro from '@tarojs/taro';
import { IS_WEAPP } from './env';

/**
 * WeChat login code (wx.login): no user action needed, valid for one exchange at `POST /api/auth/wechat`.
 * H5 has no such code: residents log in with phone + SMS code instead.
 */
export const wechatLogin = {
  supported: IS_WEAPP,
  async code(): Promise<string> {
    if (!IS_WEAPP) throw new Error('wx.login is only available in the mini-program');
    const res = await Taro.login();
    if (!res.code) throw new Error(res.errMsg || 'wx.login returned no code');
    return res.code;
  },
};
