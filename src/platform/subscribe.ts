import Taro from '@tarojs/taro';
import { IS_WEAPP } from './env';

/**
 * WeChat subscribe-message templates (小程序后台 → 功能 → 订阅消息). The server sends every progress
 * message with ONE template, `WECHAT_SUBSCRIBE_TEMPLATE_ID` in its environment; the mini-program is built
 * with the same id (`TARO_APP_SUBSCRIBE_TEMPLATE_ID`). Without it the opt-in is not offered at all (asking
 * WeChat with an unknown id only shows the resident an error).
 */
export const SUBSCRIBE_TEMPLATE_IDS = {
  /** 办理进展提醒: case number, progress, time, tip (server/src/modules/notifications/subscribe-message.ts). */
  caseProgress: SUBSCRIBE_TEMPLATE_ID,
} as const;

/** The moments the opt-in is offered: right after filing, and on a case whose reply is due. */
export type SubscribeMoment = 'afterFiling' | 'replyDue';

const MOMENT_TEMPLATES: Record<SubscribeMoment, readonly string[]> = {
  afterFiling: [SUBSCRIBE_TEMPLATE_IDS.caseProgress],
  replyDue: [SUBSCRIBE_TEMPLATE_IDS.caseProgress],
};

export type SubscribeOutcome = 'accepted' | 'rejected' | 'failed' | 'unsupported';

function configured(ids: readonly string[]): boolean {
  return ids.length > 0 && ids.every((id) => id !== '');
}

export const subscribeMessages = {
  /** Mini-program only, and only once real template ids are configured; H5 has no such messages. */
  supported: (moment: SubscribeMoment): boolean => IS_WEAPP && configured(MOMENT_TEMPLATES[moment]),

  /**
   * Must run inside a tap handler (WeChat refuses otherwise). Each acceptance allows one message per
   * template (一次性订阅), which is why it is offered again at the next moment.
   */
  async request(moment: SubscribeMoment): Promise<SubscribeOutcome> {
    const ids = MOMENT_TEMPLATES[moment];
    if (!IS_WEAPP || !configured(ids)) return 'unsupported';
    try {
      const res = (await Taro.requestSubscribeMessage({
        tmplIds: [...ids],
      } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>;
      return ids.some((id) => res[id] === 'accept') ? 'accepted' : 'rejected';
    } catch {
      return 'failed';
    }
  },
};
