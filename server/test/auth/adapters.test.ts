import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { Writable } from 'node:stream';
import { createWechatClient } from '../../src/adapters/wechat/client';
import { createTencentSms } from '../../src/adapters/sms/tencent';
import { tc3Authorization, parseTc3Authorization } from '../../src/adapters/sms/tc3';
import { AppError } from '../../src/errors';
import { useFakes } from './fakes';

const fakes = useFakes();

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(c, _e, cb) {
      lines.push(String(c));
      cb();
    },
  });
  const log = Fastify({ logger: { level: 'debug', stream } }).log;
  return { log, lines };
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('WeChat code2Session client against the fake', () => {
  const client = (over: Partial<Parameters<typeof createWechatClient>[0]> = {}) =>
    createWechatClient({
      baseUrl: fakes.wechat.baseUrl,
      appid: fakes.wechat.appid,
      secret: fakes.wechat.secret,
      timeoutMs: 2000,
      retryDelayMs: 10,
      log: capture().log,
      ...over,
    });

  it('returns openid and session_key; a demo code maps to its openid and can be reused', async () => {
    const a = await client().code2Session('demo-oResidentA');
    expect(a.openid).toBe('oResidentA');
    expect(a.sessionKey).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect((await client().code2Session('demo-oResidentA')).openid).toBe('oResidentA');
    expect(a.unionid).toBeUndefined();
    expect((await client().code2Session('union-1')).unionid).toMatch(/^u/);
  });

  it('derives a stable openid from any other code, and refuses the same code twice (40163)', async () => {
    const first = await client().code2Session('abc-123');
    expect(first.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    const err = await rejection(client().code2Session('abc-123'));
    expect([err.statusCode, err.code]).toEqual([400, 'WECHAT_CODE_INVALID']);
  });

  it.each([
    ['invalid-x', 400, 'WECHAT_CODE_INVALID', '微信登录凭证无效或已过期，请重新登录'],
    ['freq-x', 429, 'WECHAT_RATE_LIMITED', '微信登录过于频繁，请一分钟后再试'],
    [
      'risky-x',
      403,
      'WECHAT_USER_BLOCKED',
      '微信判定当前账号存在安全风险，已拦截登录，可改用手机号验证码登录',
    ],
  ])('maps %s to %i %s', async (code, status, errCode, message) => {
    const err = await rejection(client().code2Session(code));
    expect({ status: err.statusCode, code: err.code, message: err.message }).toEqual({
      status,
      code: errCode,
      message,
    });
  });

  it('retries -1 (system busy) exactly once, and succeeds when the retry does', async () => {
    const before = fakes.wechat.calls.length;
    const s = await client().code2Session('busyonce-1');
    expect(s.openid).toMatch(/^o/);
    expect(fakes.wechat.calls.slice(before)).toEqual(['busyonce-1', 'busyonce-1']);
  });

  it('gives up after one retry of -1 with a 503', async () => {
    const before = fakes.wechat.calls.length;
    const err = await rejection(client().code2Session('busy-1'));
    expect([err.statusCode, err.message]).toEqual([503, '微信服务繁忙，请稍后再试']);
    expect(fakes.wechat.calls.length - before).toBe(2);
  });

  it('treats a wrong secret or appid as our misconfiguration: 503, logged by errcode without the secret', async () => {
    const { log, lines } = capture();
    const err = await rejection(client({ secret: 'wrong-secret-value', log }).code2Session('demo-x'));
    expect(err.statusCode).toBe(503);
    expect(lines.join('')).toContain('40125');
    expect(lines.join('')).not.toContain('wrong-secret-value');
    expect(lines.join('')).not.toContain(fakes.wechat.secret);
    expect((await rejection(client({ appid: 'wx0000000000000000' }).code2Session('demo-x'))).statusCode).toBe(
      503,
    );
  });

  it('times out a slow WeChat with a 503 and never logs the URL', async () => {
    const { log, lines } = capture();
    const started = Date.now();
    const err = await rejection(client({ timeoutMs: 200, log }).code2Session('slow-1'));
    expect(err.statusCode).toBe(503);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(lines.join('')).toContain('timeout');
    expect(lines.join('')).not.toContain('js_code');
  });

  it('answers 503 when WeChat is unreachable or not configured', async () => {
    expect(
      (await rejection(client({ baseUrl: 'http://127.0.0.1:1' }).code2Session('demo-x'))).statusCode,
    ).toBe(503);
    expect((await rejection(client({ appid: undefined }).code2Session('demo-x'))).statusCode).toBe(503);
  });
});

describe('Tencent Cloud SMS SendSms client against the fake', () => {
  const client = (over: Partial<Parameters<typeof createTencentSms>[0]> = {}) =>
    createTencentSms({
      baseUrl: fakes.sms.baseUrl,
      secretId: fakes.sms.secretId,
      secretKey: fakes.sms.secretKey,
      sdkAppId: fakes.sms.sdkAppId,
      signName: fakes.sms.signName,
      templateId: fakes.sms.templateId,
      region: 'ap-guangzhou',
      timeoutMs: 2000,
      log: capture().log,
      ...over,
    });

  it('signs with TC3-HMAC-SHA256 and the fake accepts and records the message', async () => {
    await client().sendCode('13800138000', '123456', 5);
    const last = fakes.sms.lastTo('13800138000');
    expect(last).toMatchObject({ templateId: fakes.sms.templateId, params: ['123456', '5'] });
  });

  it('builds the documented Authorization shape', () => {
    const header = tc3Authorization({
      secretId: 'AKIDEXAMPLE',
      secretKey: 'secret',
      service: 'sms',
      timestamp: 1_700_000_000,
      headers: { 'content-type': 'application/json; charset=utf-8', host: 'sms.tencentcloudapi.com' },
      payload: '{}',
    });
    expect(header).toMatch(
      /^TC3-HMAC-SHA256 Credential=AKIDEXAMPLE\/2023-11-14\/sms\/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/,
    );
    expect(parseTc3Authorization(header)?.signedHeaders).toEqual(['content-type', 'host']);
  });

  it.each([
    ['a wrong SecretKey (SignatureFailure)', { secretKey: 'not-the-key' }, 'AuthFailure.SignatureFailure'],
    ['an unknown SecretId', { secretId: 'AKIDnobody' }, 'AuthFailure.SecretIdNotFound'],
    [
      'a stale timestamp (SignatureExpire)',
      { now: () => Math.floor(Date.now() / 1000) - 3600 },
      'AuthFailure.SignatureExpire',
    ],
    ['an unapproved sign name', { signName: '别的签名' }, 'FailedOperation.SignatureIncorrectOrUnapproved'],
    ['an unknown template', { templateId: '999' }, 'FailedOperation.TemplateIncorrectOrUnapproved'],
    ['a wrong SdkAppId', { sdkAppId: '1400999999' }, 'InvalidParameterValue.SdkAppIdNotExist'],
  ])('rejects %s: 503 for the user, error code logged, nothing sent', async (_name, over, code) => {
    const { log, lines } = capture();
    const before = fakes.sms.sent.length;
    const err = await rejection(client({ ...over, log }).sendCode('13800138001', '654321', 5));
    expect(err.statusCode).toBe(503);
    expect(lines.join('')).toContain(code);
    expect(lines.join('')).not.toContain('13800138001');
    expect(lines.join('')).not.toContain('654321');
    expect(fakes.sms.sent.length).toBe(before);
  });

  it.each([
    ['13900000400', 400, 'SMS_BAD_PHONE'],
    ['13900000429', 429, 'SMS_RATE_LIMITED'],
    ['13900000403', 400, 'SMS_BLOCKED'],
    ['13900000500', 503, 'UNAVAILABLE'],
  ])('maps the fake’s answer for %s to %i %s', async (phone, status, code) => {
    const err = await rejection(client().sendCode(phone, '111111', 5));
    expect([err.statusCode, err.code]).toEqual([status, code]);
  });

  it('times out a slow provider with a 503', async () => {
    const err = await rejection(client({ timeoutMs: 200 }).sendCode('13900000504', '111111', 5));
    expect(err.statusCode).toBe(503);
  });

  it('answers 503 when not configured or unreachable', async () => {
    expect(
      (await rejection(client({ secretKey: undefined }).sendCode('13800138000', '1', 5))).statusCode,
    ).toBe(503);
    expect(
      (await rejection(client({ baseUrl: 'http://127.0.0.1:1' }).sendCode('13800138000', '1', 5))).statusCode,
    ).toBe(503);
  });
});
