import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import {
  LOG_SERIALIZERS,
  loggerOptions,
  maskPii,
  RedactingLogController,
  redactUrl,
} from '../../src/lib/log-redaction';
import { loginAs } from '../helper';
import { resident, seeded } from '../cases/support';

const PHONE = '13912345678';
const ID_NUMBER = '110101199003071234';

describe('log redaction (《个人信息保护法》第五十一条: personal data never reaches the request log)', () => {
  it('keeps structural query values and redacts the search box and every unknown parameter', () => {
    expect(redactUrl(`/api/cases?q=${PHONE}`)).toBe('/api/cases?q=[redacted]');
    expect(redactUrl(`/api/staff/inbox?tab=overdue&q=${ID_NUMBER}&limit=20`)).toBe(
      '/api/staff/inbox?tab=overdue&q=[redacted]&limit=20',
    );
    // A name, in percent-encoding, and parameters no route declares.
    expect(redactUrl('/api/admin/users?q=%E5%BC%A0%E4%BC%9F&role=clerk')).toBe(
      '/api/admin/users?q=[redacted]&role=clerk',
    );
    expect(redactUrl(`/api/cases?phone=${PHONE}&idNumber=${ID_NUMBER}&name=x&title=y`)).toBe(
      '/api/cases?phone=[redacted]&idNumber=[redacted]&name=[redacted]&title=[redacted]',
    );
    expect(redactUrl('/api/audit?actor=65f0c0ffee&targetId=XF-1&action=case.register')).toBe(
      '/api/audit?actor=[redacted]&targetId=[redacted]&action=case.register',
    );
    // Structural parameters keep their value, unless it looks like personal data.
    expect(redactUrl('/api/dashboard/trend?granularity=day&from=2026-01-01&to=2026-03-31')).toBe(
      '/api/dashboard/trend?granularity=day&from=2026-01-01&to=2026-03-31',
    );
    expect(redactUrl(`/api/cases?cursor=${PHONE}&unit=jd-xfj`)).toBe(
      '/api/cases?cursor=[redacted]&unit=jd-xfj',
    );
    expect(redactUrl('/api/cases?cursor=%31%33%39%31%32%33%34%35%36%37%38')).toBe(
      '/api/cases?cursor=[redacted]',
    );
    // A parameter name that is not an identifier may itself be the data; bad encoding is never echoed.
    expect(redactUrl(`/api/cases?${PHONE}`)).toBe('/api/cases?[redacted]');
    expect(redactUrl('/api/cases?q=%E0%A4%A')).toBe('/api/cases?q=[redacted]');
    // In the path too, also behind percent-encoding; ids and hex stay.
    expect(redactUrl(`/api/cases/${PHONE}`)).toBe('/api/cases/[redacted]');
    expect(redactUrl('/api/cases/%31%33%39%31%32%33%34%35%36%37%38/documents')).toBe(
      '/api/cases/[redacted]/documents',
    );
    expect(redactUrl('/api/attachments/665f1a2b3c4d5e6f70811223')).toBe(
      '/api/attachments/665f1a2b3c4d5e6f70811223',
    );
    expect(redactUrl('/api/health')).toBe('/api/health');
  });

  it('masks phone and ID numbers in error messages and stacks, never timestamps or ids', () => {
    expect(maskPii(`Cast to ObjectId failed for value "${PHONE}" (type string)`)).toBe(
      'Cast to ObjectId failed for value "[redacted]" (type string)',
    );
    expect(maskPii(`身份证号${ID_NUMBER}与`)).toBe('身份证号[redacted]与');
    expect(maskPii('at 1733212345678 req 9f3c13912345678ab')).toBe('at 1733212345678 req 9f3c13912345678ab');
    const err = Object.assign(new Error(`duplicate ${PHONE}`), {
      details: { idNumber: ID_NUMBER },
      code: 'E11000',
    });
    const logged = JSON.stringify(LOG_SERIALIZERS.err!(err));
    expect(logged).not.toContain(PHONE);
    expect(logged).not.toContain(ID_NUMBER);
    expect(logged).toContain('duplicate [redacted]');
    expect(logged).toContain('"code":"E11000"');
  });

  it("Fastify's own lines say the redacted URL too (the default 404 handler writes it into the message)", async () => {
    const lines: string[] = [];
    const app = Fastify({
      logger: loggerOptions({ level: 'info', stream: { write: (l) => void lines.push(l) } }),
      logController: new RedactingLogController(),
    });
    app.get('/boom', async () => {
      throw new Error(`no user with phone ${PHONE}`);
    });
    await app.inject({ url: `/nothing?q=${PHONE}&tab=all` });
    await app.inject({ url: `/boom?q=${ID_NUMBER}` });
    await app.close();
    const all = lines.join('\n');
    expect(all).toContain('Route GET:/nothing?q=[redacted]&tab=all not found');
    expect(all).toContain('no user with phone [redacted]');
    expect(all).not.toContain(PHONE);
    expect(all).not.toContain(ID_NUMBER);
  });

  // These requests go to the run's log file (server/test/helper.ts), which global-setup.ts scans for phone and
  // ID numbers when the run ends: without the redaction, the whole run fails.
  it('searches for a phone number, an ID number and a name leave no trace of them in the request log', async () => {
    const { app, logs } = await seeded();
    const clerk = await loginAs(app, 'clerk.jd');
    const admin = await loginAs(app, 'admin');
    const me = await resident(app, 1);
    const searches: [string, { authorization: string }][] = [
      [`/api/cases?q=${PHONE}`, clerk.headers],
      [`/api/cases?q=${ID_NUMBER}&sort=newest`, clerk.headers],
      [`/api/staff/inbox?q=${PHONE}`, clerk.headers],
      [`/api/staff/inbox?tab=all&q=${ID_NUMBER}`, clerk.headers],
      [`/api/me/cases?q=${PHONE}`, me.headers],
      [`/api/admin/users?q=${encodeURIComponent('王晓燕')}`, admin.headers],
      // Refused requests are logged as well: a value too long for the box, a parameter no route declares.
      [`/api/cases?q=${ID_NUMBER.repeat(3)}`, clerk.headers],
      [`/api/staff/inbox?phone=${PHONE}`, clerk.headers],
      // A route that does not exist (Fastify writes the URL into its "not found" line) and a malformed URL.
      [`/api/nothing-here?q=${PHONE}`, clerk.headers],
      [`/api/cases/%E0%A4%A?q=${ID_NUMBER}`, clerk.headers],
    ];
    for (const [url, headers] of searches) {
      const res = await app.inject({ method: 'GET', url, headers });
      expect(res.statusCode, url).toBeLessThan(500);
    }
    const all = logs.join('\n');
    // The check looks at real request lines, or it proves nothing.
    expect(all).toContain('"url":"/api/cases?q=[redacted]"');
    expect(all).toContain('"url":"/api/staff/inbox?tab=all&q=[redacted]"');
    expect(all).toContain('"url":"/api/admin/users?q=[redacted]"');
    for (const secret of [PHONE, ID_NUMBER, '王晓燕', encodeURIComponent('王晓燕')]) {
      expect(all, `leaked ${secret.slice(0, 3)}…`).not.toContain(secret);
    }
  });
});
