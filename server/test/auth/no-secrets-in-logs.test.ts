import { describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { build } from '../helper';
import { insertUser, useFakes } from './fakes';

const fakes = useFakes();

describe('logs', () => {
  it('never contain phone numbers, SMS codes, passwords, TOTP secrets/codes, tokens or session_key', async () => {
    const { app, logs } = await build({ env: fakes.env });
    const secrets: string[] = [];
    const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url, payload, headers });

    // Resident via SMS, including a wrong code and a provider failure (both logged paths).
    const phone = '13512345678';
    secrets.push(phone);
    await post('/api/auth/sms/send', { phone });
    const code = fakes.sms.lastTo(phone)!.params[0]!;
    secrets.push(code);
    await post('/api/auth/sms/verify', { phone, code: code === '999999' ? '888888' : '999999' });
    const sms = (await post('/api/auth/sms/verify', { phone, code })).json();
    secrets.push(sms.token);
    await post('/api/auth/sms/send', { phone: '13900000500' });
    secrets.push('13900000500');

    // Resident via WeChat; the session_key is read back from the session to search for it.
    const wx = (await post('/api/auth/wechat', { code: 'demo-oLogCheck' })).json();
    secrets.push(wx.token, 'demo-oLogCheck');
    const session = await app.db.conn
      .collection('sessions')
      .findOne({ wechatSessionKeyEnc: { $exists: true } });
    secrets.push(app.pii.decrypt(session!.wechatSessionKeyEnc));

    // Staff: wrong password, enrollment, TOTP.
    const password = 'Log#Check2024pw';
    const id = await insertUser(app, { username: 'log.check', roles: ['clerk'], unitCode: 'u' });
    await app.auth.setPassword(id, password);
    await post('/api/auth/staff/login', { username: 'log.check', password: 'Wrong#Password99' });
    secrets.push(password, 'Wrong#Password99');
    const step1 = (await post('/api/auth/staff/login', { username: 'log.check', password })).json();
    const totp = await generate({ secret: step1.enrollment.secret });
    const staff = (await post('/api/auth/staff/totp', { mfaToken: step1.mfaToken, code: totp })).json();
    secrets.push(step1.mfaToken, step1.enrollment.secret, totp, staff.token);

    // Authenticated requests and a logout carry the token in a header.
    await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${staff.token}` } });
    await post('/api/auth/logout', {}, { authorization: `Bearer ${staff.token}` });
    await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${staff.token}` } });

    const all = logs.join('\n');
    // The check must look at real request logs, or it proves nothing.
    expect(logs.length).toBeGreaterThan(20);
    expect(all).toContain('/api/auth/sms/verify');
    expect(all).toContain('tencent-sms');
    for (const s of secrets) {
      expect(s.length).toBeGreaterThanOrEqual(6);
      expect(all, `leaked ${s.slice(0, 3)}…`).not.toContain(s);
    }
  });
});
