import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseTc3Authorization, tc3Date, tc3Signature } from './tc3';

/**
 * A local stand-in for Tencent Cloud SMS SendSms (API 2021-01-11), for DEMO mode and tests. Like the real
 * endpoint it answers HTTP 200 with `{Response: {...}}` and:
 * - checks the TC3-HMAC-SHA256 Authorization header: shape, SecretId, credential date/service, a timestamp
 *   within 5 minutes, and the signature recomputed with the configured SecretKey
 *   (AuthFailure.SecretIdNotFound / SignatureExpire / SignatureFailure);
 * - checks X-TC-Action/Version and the body (SmsSdkAppId, SignName, TemplateId, params);
 * - special numbers: 13900000400 IncorrectPhoneNumber, 13900000429 PhoneNumberDailyLimit,
 *   13900000403 PhoneNumberInBlacklist (per-number status), 13900000500 InternalError.Timeout
 *   (request error), 13900000504 answers after 3 s;
 * - records what it "sent" so tests and the DEMO outbox can read the code.
 */
export interface SentSms {
  /** 11-digit mainland number. */
  phone: string;
  templateId: string;
  params: string[];
  sentAt: Date;
}

export interface FakeTencentSms {
  baseUrl: string;
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  templateId: string;
  sent: SentSms[];
  /** The last message to this phone (its first template parameter is the code). */
  lastTo(phone: string): SentSms | undefined;
  close(): Promise<void>;
}

const SPECIAL_STATUS: Record<string, [string, string]> = {
  '13900000400': ['InvalidParameterValue.IncorrectPhoneNumber', 'invalid phone number'],
  '13900000429': [
    'LimitExceeded.PhoneNumberDailyLimit',
    'the number of sms messages sent today exceeds the limit',
  ],
  '13900000403': ['FailedOperation.PhoneNumberInBlacklist', 'the phone number is in the blacklist'],
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakeTencentSms(
  opts: {
    secretId?: string;
    secretKey?: string;
    sdkAppId?: string;
    signName?: string;
    templateId?: string;
  } = {},
): Promise<FakeTencentSms> {
  const cfg = {
    secretId: opts.secretId ?? `AKID${randomBytes(12).toString('hex')}`,
    secretKey: opts.secretKey ?? randomBytes(16).toString('hex'),
    sdkAppId: opts.sdkAppId ?? '1400000000',
    signName: opts.signName ?? '临江信访',
    templateId: opts.templateId ?? '100001',
  };
  const sent: SentSms[] = [];

  const server: Server = createServer(async (req, res) => {
    const requestId = randomUUID();
    const reply = (response: Record<string, unknown>) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ Response: { ...response, RequestId: requestId } }));
    };
    const fail = (Code: string, Message: string) => reply({ Error: { Code, Message } });
    if (req.method !== 'POST' || (req.url ?? '/') !== '/')
      return fail('UnsupportedProtocol', 'POST / expected');
    const payload = await readBody(req);

    const auth = parseTc3Authorization(req.headers.authorization);
    if (!auth) return fail('AuthFailure.InvalidAuthorization', 'Authorization header is malformed');
    if (auth.secretId !== cfg.secretId) return fail('AuthFailure.SecretIdNotFound', 'SecretId not found');
    const timestamp = Number(req.headers['x-tc-timestamp']);
    if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) {
      return fail('AuthFailure.SignatureExpire', 'signature expired');
    }
    if (auth.service !== 'sms' || auth.date !== tc3Date(timestamp)) {
      return fail('AuthFailure.InvalidAuthorization', 'credential scope does not match');
    }
    if (!auth.signedHeaders.includes('content-type') || !auth.signedHeaders.includes('host')) {
      return fail('AuthFailure.InvalidAuthorization', 'content-type and host must be signed');
    }
    const headers: Record<string, string> = {};
    for (const name of auth.signedHeaders) {
      const v = req.headers[name];
      if (typeof v !== 'string')
        return fail('AuthFailure.InvalidAuthorization', `signed header ${name} missing`);
      headers[name] = v;
    }
    const expected = tc3Signature({ secretKey: cfg.secretKey, service: 'sms', timestamp, headers, payload });
    if (!timingSafeEqual(Buffer.from(expected.signature, 'hex'), Buffer.from(auth.signature, 'hex'))) {
      return fail('AuthFailure.SignatureFailure', 'signature verification failed');
    }
    if (req.headers['x-tc-action'] !== 'SendSms') return fail('InvalidAction', 'action not found');
    if (req.headers['x-tc-version'] !== '2021-01-11') return fail('NoSuchVersion', 'version not found');

    let body: Record<string, unknown>;
    try {
      body = JSON.parse(payload) as Record<string, unknown>;
    } catch {
      return fail('InvalidParameter', 'body is not JSON');
    }
    const phones = body.PhoneNumberSet;
    const params = body.TemplateParamSet ?? [];
    if (!Array.isArray(phones) || phones.length === 0 || !body.SmsSdkAppId || !body.TemplateId) {
      return fail('MissingParameter', 'PhoneNumberSet, SmsSdkAppId and TemplateId are required');
    }
    if (body.SmsSdkAppId !== cfg.sdkAppId)
      return fail('InvalidParameterValue.SdkAppIdNotExist', 'SdkAppId not exist');
    if (body.SignName !== cfg.signName) {
      return fail('FailedOperation.SignatureIncorrectOrUnapproved', 'signature incorrect or unapproved');
    }
    if (body.TemplateId !== cfg.templateId) {
      return fail('FailedOperation.TemplateIncorrectOrUnapproved', 'template incorrect or unapproved');
    }
    if (!Array.isArray(params) || params.length !== 2 || !params.every((p) => /^\d{1,6}$/.test(String(p)))) {
      return fail('InvalidParameterValue.TemplateParameterFormatError', 'template parameter format error');
    }
    const numbers = phones.map(String);
    if (numbers.includes('+8613900000500')) return fail('InternalError.Timeout', 'request timed out');
    const statuses = numbers.map((e164) => {
      const phone = e164.replace(/^\+86/, '');
      const special = SPECIAL_STATUS[phone];
      const base = { SerialNo: randomUUID(), PhoneNumber: e164, SessionContext: '', IsoCode: 'CN' };
      if (!/^\+861[3-9]\d{9}$/.test(e164)) {
        return {
          ...base,
          Fee: 0,
          Code: 'InvalidParameterValue.IncorrectPhoneNumber',
          Message: 'invalid phone number',
        };
      }
      if (special) return { ...base, Fee: 0, Code: special[0], Message: special[1] };
      sent.push({
        phone,
        templateId: String(body.TemplateId),
        params: params.map(String),
        sentAt: new Date(),
      });
      return { ...base, Fee: 1, Code: 'Ok', Message: 'send success' };
    });
    if (numbers.includes('+8613900000504')) {
      setTimeout(() => reply({ SendStatusSet: statuses }), 3000).unref();
      return;
    }
    reply({ SendStatusSet: statuses });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    ...cfg,
    sent,
    lastTo: (phone) => [...sent].reverse().find((s) => s.phone === phone),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
