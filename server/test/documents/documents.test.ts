import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/db/embedded';
import { loginAs } from '../helper';
import { act, key, ok, opinion, resident, seeded } from '../cases/support';

const ARTIFACTS = join(REPO_ROOT, '.test-artifacts', 'documents');

/** Text of a PDF as poppler reads it (what a reader's PDF viewer would show). */
function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
}

type Doc = { id: string; kind: string; number: string; title: string; paragraphs: string[]; sha256: string };

describe('文书: issued from the case when a step requires one, delivered to the petitioner, printable as PDF', () => {
  // Nine case steps and seven PDFs (each subsets a CJK font): allow for a loaded CI machine.
  it(
    'a case walked to 复核 issues all seven kinds; each PDF parses and shows its Chinese text',
    { timeout: 180_000 },
    async () => {
      const { app } = await seeded();
      const me = await resident(app, 1);
      const clerk = await loginAs(app, 'clerk.jd');
      const reg = await app.inject({
        method: 'POST',
        url: '/api/cases/register',
        headers: clerk.headers,
        payload: {
          idempotencyKey: key(),
          channel: 'letter',
          petitioner: { name: '张秀英', phone: '13800000001' },
          classification: { category: 'claim' },
          title: '小区电梯频繁停运',
          request: '请求督促物业公司彻底维修电梯。',
          facts: '滨江花园5号楼电梯一个月内停运六次。',
        },
      });
      expect(reg.statusCode, reg.body).toBe(201);
      const id = reg.json().case.id as string;
      await ok(app, clerk.headers, id, { type: 'route', toUnitId: 'jd-zjj', mode: 'transfer' });
      const handler = await loginAs(app, 'handler.jd.zjj');
      const head = await loginAs(app, 'head.jd.zjj');
      await ok(app, handler.headers, id, { type: 'accept' });
      await ok(app, handler.headers, id, {
        type: 'requestExtension',
        days: 15,
        reason: '需委托第三方检测电梯',
      });
      await ok(app, head.headers, id, { type: 'decideExtension', approve: true });
      await ok(app, handler.headers, id, { type: 'draftReply', document: opinion('explain').document });
      await ok(app, head.headers, id, { type: 'signReply', approve: true });
      await ok(app, me.headers, id, { type: 'requestReview', reasons: '维修后仍停运' });
      await ok(app, await loginAs(app, 'head.jd.gov').then((x) => x.headers), id, opinion('reject'));
      await ok(app, me.headers, id, { type: 'requestRecheck', reasons: '对复查意见不服' });
      await ok(app, await loginAs(app, 'head.city.gov').then((x) => x.headers), id, opinion('reject'));

      // the petitioner sees every document in order
      const list = await app.inject({
        method: 'GET',
        url: `/api/cases/${id}/documents`,
        headers: me.headers,
      });
      expect(list.statusCode, list.body).toBe(200);
      const items = list.json().items as Doc[];
      expect(items.map((d) => d.kind)).toEqual([
        'transferNotice',
        'acceptanceNotice',
        'extensionNotice',
        'opinion',
        'reviewOpinion',
        'recheckOpinion',
      ]);
      for (const d of items) expect(d.number).toMatch(/〔\d{4}〕第\d+号$/);
      expect(items[0]!.number).toMatch(/^临江市江东区信访局/);
      expect(items[3]!.number).toMatch(/^临江市江东区住房和城乡建设局/);

      // a 不予受理 case gives the seventh kind
      const other = await app.inject({
        method: 'POST',
        url: '/api/cases/register',
        headers: clerk.headers,
        payload: {
          idempotencyKey: key(),
          channel: 'visit',
          petitioner: { name: '李建华', phone: '13800000002' },
          classification: { category: 'claim' },
          title: '劳动合同纠纷要求赔偿',
          request: '请求责令公司支付经济补偿。',
          facts: '公司解除劳动合同未支付补偿。',
        },
      });
      const otherId = other.json().case.id as string;
      await ok(app, clerk.headers, otherId, {
        type: 'notAccept',
        ground: {
          kind: 'statutoryProcedure',
          procedure: 'arbitration',
          authority: '江东区劳动人事争议仲裁委员会',
          explanation: '劳动争议应当先申请仲裁。',
        },
      });
      const refused = (
        await app.inject({
          method: 'GET',
          url: `/api/cases/${otherId}/documents`,
          headers: (await resident(app, 2)).headers,
        })
      ).json().items as Doc[];
      expect(refused.map((d) => d.kind)).toEqual(['notAcceptNotice']);

      mkdirSync(ARTIFACTS, { recursive: true });
      const expectations: Record<string, string[]> = {
        transferNotice: ['信访事项转送', '转送至临江市江东区住房和城乡建设局'],
        acceptanceNotice: ['信访事项受理告知书', '60日内办结'],
        extensionNotice: ['延期办理告知书', '需委托第三方检测电梯', '延长15日'],
        opinion: [
          '信访处理意见书',
          '信访人投诉请求',
          '事实和理由',
          '处理意见：解释说明',
          '法律法规依据',
          '请求复查',
        ],
        reviewOpinion: ['复查意见书', '复查意见：不予支持', '请求复核'],
        recheckOpinion: ['复核意见书', '不再受理'],
        notAcceptNotice: ['不予受理告知书', '仲裁', '江东区劳动人事争议仲裁委员会'],
      };
      for (const [caseId, d, who] of [
        ...items.map((x) => [id, x, me] as const),
        [otherId, refused[0]!, await resident(app, 2)] as const,
      ]) {
        const full = await app.inject({
          method: 'GET',
          url: `/api/cases/${caseId}/documents/${d.id}`,
          headers: who.headers,
        });
        expect(full.statusCode).toBe(200);
        const body = full.json() as Doc;
        const text = [body.title, ...body.paragraphs].join('\n');
        const pdf = await app.inject({
          method: 'GET',
          url: `/api/cases/${caseId}/documents/${d.id}/pdf`,
          headers: who.headers,
        });
        expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
        expect(pdf.headers['content-type']).toBe('application/pdf');
        const buf = pdf.rawPayload;
        expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
        writeFileSync(join(ARTIFACTS, `${d.kind}.pdf`), buf);
        // pdftotext breaks long lines; compare without whitespace
        const read = pdfText(buf).replace(/\s+/g, '');
        expect(read).toContain(d.title);
        expect(read).toContain(d.number);
        for (const phrase of expectations[d.kind]!) {
          expect(text.replace(/\s+/g, ''), `${d.kind} body`).toContain(phrase);
          expect(read, `${d.kind} PDF`).toContain(phrase);
        }
      }
      // one page as PNG for a person to look at
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '80',
        '-f',
        '1',
        '-l',
        '1',
        join(ARTIFACTS, 'opinion.pdf'),
        join(ARTIFACTS, 'opinion'),
      ]);
    },
  );

  it('issuing is idempotent and only by the deciding unit; preview stores nothing; issued documents never change', async () => {
    const { app } = await seeded();
    const clerk = await loginAs(app, 'clerk.jd');
    const reg = await app.inject({
      method: 'POST',
      url: '/api/cases/register',
      headers: clerk.headers,
      payload: {
        idempotencyKey: key(),
        channel: 'phone',
        petitioner: { name: '王芳', phone: '13800000003' },
        classification: { category: 'claim' },
        title: '夜间施工噪音扰民',
        request: '请求制止夜间施工。',
        facts: '工地每晚施工至凌晨。',
      },
    });
    const id = reg.json().case.id as string;
    const count = () => app.db.conn.collection('documents').countDocuments({ caseId: id });

    // nothing to issue yet
    const early = await app.inject({
      method: 'GET',
      url: `/api/cases/${id}/documents/preview?kind=acceptanceNotice`,
      headers: clerk.headers,
    });
    expect(early.statusCode).toBe(422);
    await ok(app, clerk.headers, id, { type: 'accept' });
    expect(await count()).toBe(1);
    const preview = await app.inject({
      method: 'GET',
      url: `/api/cases/${id}/documents/preview?kind=acceptanceNotice`,
      headers: clerk.headers,
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().paragraphs[0]).toBe('王芳：');
    expect(await count()).toBe(1);

    const issued = (
      await app.inject({ method: 'GET', url: `/api/cases/${id}/documents`, headers: clerk.headers })
    ).json().items[0] as Doc;
    const again = await app.inject({
      method: 'POST',
      url: `/api/cases/${id}/documents`,
      headers: clerk.headers,
      payload: { kind: 'acceptanceNotice', idempotencyKey: key() },
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ id: issued.id, number: issued.number, sha256: issued.sha256 });
    expect(await count()).toBe(1);
    const notYet = await app.inject({
      method: 'POST',
      url: `/api/cases/${id}/documents`,
      headers: clerk.headers,
      payload: { kind: 'opinion', idempotencyKey: key() },
    });
    expect(notYet.statusCode).toBe(422);
    // another unit that cannot read the case learns nothing
    const jx = await loginAs(app, 'clerk.jx');
    for (const url of [`/api/cases/${id}/documents`, `/api/cases/${id}/documents/${issued.id}/pdf`]) {
      expect((await app.inject({ method: 'GET', url, headers: jx.headers })).statusCode).toBe(404);
    }
    // no route can change or delete an issued document
    const writes = app.routeTable.filter(
      (r) => r.url.includes('/documents') && ['PUT', 'PATCH', 'DELETE'].includes(r.method),
    );
    expect(writes).toEqual([]);
    const audit = await app.db.conn
      .collection('audit_log')
      .countDocuments({ action: 'document.issue', targetId: id });
    expect(audit).toBe(1);
    const templates = await app.inject({
      method: 'GET',
      url: '/api/document-templates',
      headers: clerk.headers,
    });
    expect(new Set(templates.json().items.map((t: { kind: string }) => t.kind)).size).toBe(7);
  });

  it('第三十条第三款: the accused unit cannot read the documents of an accusation', async () => {
    const { app } = await seeded();
    const clerk = await loginAs(app, 'clerk.jd');
    const reg = await app.inject({
      method: 'POST',
      url: '/api/cases/register',
      headers: clerk.headers,
      payload: {
        idempotencyKey: key(),
        channel: 'letter',
        petitioner: { name: '赵敏', phone: '13800000004' },
        classification: { category: 'accusation', accused: { unitId: 'jd-zjj' } },
        title: '检举住建局违规审批',
        request: '请求查处违规审批。',
        facts: '某项目未经审批即开工。',
      },
    });
    const id = reg.json().case.id as string;
    await ok(app, clerk.headers, id, { type: 'route', toUnitId: 'jd-sthjj', mode: 'transfer' });
    const me = await resident(app, 4);
    const mine = (
      await app.inject({ method: 'GET', url: `/api/cases/${id}/documents`, headers: me.headers })
    ).json();
    expect(mine.items.map((d: Doc) => d.kind)).toEqual(['transferNotice']);
    const accused = await loginAs(app, 'head.jd.zjj');
    const r = await app.inject({
      method: 'GET',
      url: `/api/cases/${id}/documents`,
      headers: accused.headers,
    });
    expect(r.statusCode).toBe(404);
    const docId = mine.items[0].id as string;
    const pdf = await act(app, accused.headers, id, { type: 'accept' });
    expect(pdf.statusCode).toBe(404);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/api/cases/${id}/documents/${docId}`,
          headers: accused.headers,
        })
      ).statusCode,
    ).toBe(404);
  });
});
