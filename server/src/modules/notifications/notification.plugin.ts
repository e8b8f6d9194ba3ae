import fp from 'fastify-plugin';
import type { Config } from '../../config';
import { createSubscribeClient, type SubscribeSender } from '../../adapters/wechat/subscribe';
import { notificationModel } from './notification.model';
import { createNotificationService, type NotificationService } from './notification.service';
import { parseFieldMap, type SubscribeSettings } from './subscribe-message';

/** The env keys this module reads (config.ts); appid/secret/base are shared with WeChat login. */
export type NotificationsConfig = Pick<
  Config,
  | 'DEMO'
  | 'WECHAT_APPID'
  | 'WECHAT_SECRET'
  | 'WECHAT_API_BASE'
  | 'WECHAT_TIMEOUT_MS'
  | 'WECHAT_SUBSCRIBE_TEMPLATE_ID'
  | 'WECHAT_SUBSCRIBE_FIELDS'
  | 'WECHAT_SUBSCRIBE_PAGE'
  | 'WECHAT_SUBSCRIBE_STATE'
>;

export interface NotificationsApi {
  service: NotificationService;
  /** What the sending job needs (jobs/send-notifications.ts). */
  delivery: { sender: SubscribeSender; settings: SubscribeSettings };
}

declare module 'fastify' {
  interface FastifyInstance {
    notifications: NotificationsApi;
  }
}

export default fp<{ config: NotificationsConfig }>(
  async (app, { config }) => {
    await notificationModel(app.db.conn).init();
    let base = config.WECHAT_API_BASE;
    let creds = { appid: config.WECHAT_APPID, secret: config.WECHAT_SECRET };
    let templateId = config.WECHAT_SUBSCRIBE_TEMPLATE_ID;
    const demo = app.auth.demo?.wechat;
    if (demo) {
      // DEMO: the same local fake WeChat the login uses, so cards are "sent" end to end without WeChat.
      base = demo.baseUrl;
      creds = { appid: demo.appid, secret: demo.secret };
      templateId ??= demo.subscribe.templateId;
    }
    if (!templateId) {
      app.log.warn('WECHAT_SUBSCRIBE_TEMPLATE_ID not set: residents are notified in the mini-program only');
    }
    const sender = createSubscribeClient({
      baseUrl: base,
      ...creds,
      timeoutMs: config.WECHAT_TIMEOUT_MS,
      log: app.log,
    });
    app.decorate('notifications', {
      service: createNotificationService(app.db.conn),
      delivery: {
        sender,
        settings: {
          templateId,
          fields: parseFieldMap(config.WECHAT_SUBSCRIBE_FIELDS),
          page: config.WECHAT_SUBSCRIBE_PAGE,
          state: config.WECHAT_SUBSCRIBE_STATE,
        },
      },
    } satisfies NotificationsApi);
  },
  { name: 'notifications', dependencies: ['db', 'auth'] },
);
