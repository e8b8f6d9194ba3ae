import { afterAll, beforeAll } from 'vitest';
import { Types } from 'mongoose';
import { startFakeWechat, type FakeWechat } from '../../src/adapters/wechat/fake-server';
import { startFakeTencentSms, type FakeTencentSms } from '../../src/adapters/sms/fake-server';
import type { App } from '../../src/app';

export interface Fakes {
  wechat: FakeWechat;
  sms: FakeTencentSms;
  /** Env for build(): the real adapters pointed at the local fakes with their credentials. */
  env: Record<string, string>;
}

/** Starts the fake WeChat and Tencent SMS servers (127.0.0.1:0) for the file's tests. */
export function useFakes(): Fakes {
  const fakes = {} as Fakes;
  beforeAll(async () => {
    fakes.wechat = await startFakeWechat();
    fakes.sms = await startFakeTencentSms();
    fakes.env = {
      WECHAT_API_BASE: fakes.wechat.baseUrl,
      WECHAT_APPID: fakes.wechat.appid,
      WECHAT_SECRET: fakes.wechat.secret,
      SMS_API_BASE: fakes.sms.baseUrl,
      SMS_SECRET_ID: fakes.sms.secretId,
      SMS_SECRET_KEY: fakes.sms.secretKey,
      SMS_SDK_APP_ID: fakes.sms.sdkAppId,
      SMS_SIGN_NAME: fakes.sms.signName,
      SMS_TEMPLATE_ID: fakes.sms.templateId,
    };
  });
  afterAll(async () => {
    await Promise.all([fakes.wechat?.close(), fakes.sms?.close()]);
  });
  return fakes;
}

/** Inserts a user straight into the collection (no seed dependency); returns its id. */
export async function insertUser(app: App, fields: Record<string, unknown>): Promise<string> {
  const _id = new Types.ObjectId();
  await app.db.conn.collection('users').insertOne({
    _id,
    displayName: '测试用户',
    roles: ['resident'],
    unitCode: null,
    status: 'active',
    demo: false,
    ...fields,
  });
  return String(_id);
}
