import type { FastifyBaseLogger } from 'fastify';
import { AppError, ServiceUnavailable } from '../../errors';
import { fetchJson, UpstreamError } from '../http';
import { tc3Authorization } from './tc3';

export interface SmsSender {
  /** Sends a login code to a mainland mobile number (11 digits, no country code). */
  sendCode(phone: string, code: string, validMinutes: number): Promise<void>;
}

export interface TencentSmsOptions {
  /** https://sms.tencentcloudapi.com, or the local fake (DEMO, tests). */
  baseUrl: string;
  secretId?: string;
  secretKey?: string;
  sdkAppId?: string;
  signName?: string;
  templateId?: string;
  region: string;
  timeoutMs: number;
  log: FastifyBaseLogger;
  /** Seconds since the epoch; tests move the clock to check signature expiry. */
  now?: () => number;
}

const VERSION = '2021-01-11';
const ACTION = 'SendSms';
const CONTENT_TYPE = 'application/json; charset=utf-8';

/** Per-number (SendStatusSet[].Code) and request-level (Response.Error.Code) codes the user can act on. */
function userFacing(code: string): AppError | undefined {
  if (code.startsWith('LimitExceeded.PhoneNumber')) {
    return new AppError(429, 'SMS_RATE_LIMITED', '该手机号获取验证码过于频繁，请稍后再试');
  }
  if (code === 'InvalidParameterValue.IncorrectPhoneNumber') {
    return new AppError(400, 'SMS_BAD_PHONE', '手机号码不正确，请检查后重试');
  }
  if (code === 'FailedOperation.PhoneNumberInBlacklist') {
    return new AppError(400, 'SMS_BLOCKED', '该手机号已退订短信，无法接收验证码');
  }
  return undefined;
}

/**
 * Tencent Cloud SMS SendSms (API 2021-01-11) with TC3-HMAC-SHA256 signing. Phone numbers and codes are
 * never logged: failures log the error code and Tencent's RequestId only.
 */
export function createTencentSms(opts: TencentSmsOptions): SmsSender {
  const now = opts.now ?? (() => Math.floor(Date.now() / 1000));
  return {
    async sendCode(phone, code, validMinutes) {
      if (!opts.secretId || !opts.secretKey || !opts.sdkAppId || !opts.signName || !opts.templateId) {
        throw new ServiceUnavailable('短信服务未配置，请改用微信登录');
      }
      const payload = JSON.stringify({
        PhoneNumberSet: [`+86${phone}`],
        SmsSdkAppId: opts.sdkAppId,
        SignName: opts.signName,
        TemplateId: opts.templateId,
        TemplateParamSet: [code, String(validMinutes)],
      });
      const url = new URL('/', opts.baseUrl);
      const timestamp = now();
      const signed = { 'content-type': CONTENT_TYPE, host: url.host, 'x-tc-action': ACTION.toLowerCase() };
      const authorization = tc3Authorization({
        secretId: opts.secretId,
        secretKey: opts.secretKey,
        service: 'sms',
        timestamp,
        headers: signed,
        payload,
      });
      let res;
      try {
        res = await fetchJson(
          url.toString(),
          {
            method: 'POST',
            headers: {
              Authorization: authorization,
              'Content-Type': CONTENT_TYPE,
              'X-TC-Action': ACTION,
              'X-TC-Version': VERSION,
              'X-TC-Timestamp': String(timestamp),
              'X-TC-Region': opts.region,
            },
            body: payload,
          },
          opts.timeoutMs,
        );
      } catch (err) {
        const reason = err instanceof UpstreamError ? err.reason : 'unknown';
        opts.log.warn(
          { upstream: 'tencent-sms', reason, status: (err as UpstreamError).status },
          'SendSms failed',
        );
        throw new ServiceUnavailable('短信服务暂时无法访问，请稍后再试');
      }
      const response = (res.json as { Response?: Record<string, unknown> })?.Response;
      const requestId = typeof response?.RequestId === 'string' ? response.RequestId : undefined;
      const error = response?.Error as { Code?: unknown } | undefined;
      if (error) {
        const errCode = String(error.Code ?? 'Unknown');
        const mapped = userFacing(errCode);
        if (mapped) throw mapped;
        opts.log.error({ upstream: 'tencent-sms', code: errCode, requestId }, 'SendSms rejected the request');
        throw new ServiceUnavailable('短信服务暂不可用，请稍后再试');
      }
      const status = (response?.SendStatusSet as { Code?: unknown }[] | undefined)?.[0];
      if (!status) {
        opts.log.error({ upstream: 'tencent-sms', requestId }, 'SendSms answered without a status');
        throw new ServiceUnavailable('短信服务暂不可用，请稍后再试');
      }
      if (status.Code === 'Ok') return;
      const statusCode = String(status.Code ?? 'Unknown');
      const mapped = userFacing(statusCode);
      if (mapped) throw mapped;
      opts.log.error({ upstream: 'tencent-sms', code: statusCode, requestId }, 'SendSms did not send');
      throw new ServiceUnavailable('短信发送失败，请稍后再试');
    },
  };
}
