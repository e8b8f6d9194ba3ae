import Taro from '@tarojs/taro';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import type { FileCaseBody } from '../api/types';
import { messages } from '../messages';
import { json, listen, type TestServer } from '../test-support/http-server';
import {
  PHOTO_MAX_AGE_MS,
  clearDraft,
  firstInvalidStep,
  loadDraft,
  newDraft,
  saveDraft,
  submitDraft,
  toFileCaseBody,
  validateStep,
  type FilingDraft,
} from './draft';
import { STORAGE_KEYS } from './storage';
import { IDEMPOTENCY_KEY_PATTERN } from './uuid';

function filled(overrides: Partial<FilingDraft> = {}): FilingDraft {
  return {
    ...newDraft(new Date('2026-11-23T02:00:00Z')),
    category: 'claim',
    targetUnitId: 'jd-xfj',
    title: '楼道灯坏了',
    facts: '3号楼楼道灯坏了两个月',
    request: '请尽快修好',
    reasons: '物业有维修义务',
    ...overrides,
  };
}

beforeEach(() => {
  Taro.clearStorageSync();
});

describe('draft persistence (nothing typed is lost)', () => {
  it('gets one idempotency key when created, in the form the server accepts', () => {
    const a = newDraft();
    const b = newDraft();
    expect(a.idempotencyKey).toMatch(IDEMPOTENCY_KEY_PATTERN);
    expect(a.idempotencyKey).not.toBe(b.idempotencyKey);
  });

  it('round-trips through Taro storage with its key, step and every field', () => {
    const d = filled({ step: 3, address: '江东区滨江花园', subjectCode: 'cxjs-wy' });
    saveDraft(d);
    const loaded = loadDraft();
    expect(loaded?.draft).toMatchObject({
      idempotencyKey: d.idempotencyKey,
      step: 3,
      title: '楼道灯坏了',
      address: '江东区滨江花园',
      subjectCode: 'cxjs-wy',
    });
    expect(loaded?.expiredPhotos).toBe(0);
  });

  it('drops photos whose uploads the server will have purged (24 h), and says how many', () => {
    const now = new Date('2026-11-24T12:00:00Z');
    const fresh = { id: 'a1', path: 'blob:1', uploadedAt: new Date(now.getTime() - 3_600_000).toISOString() };
    const old = {
      id: 'a2',
      path: 'blob:2',
      uploadedAt: new Date(now.getTime() - PHOTO_MAX_AGE_MS - 1).toISOString(),
    };
    saveDraft(filled({ photos: [fresh, old] }));
    const loaded = loadDraft(now);
    expect(loaded?.draft.photos.map((p) => p.id)).toEqual(['a1']);
    expect(loaded?.expiredPhotos).toBe(1);
    // …and the cleaned draft is what is stored now.
    expect(loadDraft(now)?.expiredPhotos).toBe(0);
  });

  it('ignores anything in storage that is not a draft', () => {
    Taro.setStorageSync(STORAGE_KEYS.draft, { title: 1 });
    expect(loadDraft()).toBeNull();
    clearDraft();
    expect(loadDraft()).toBeNull();
  });
});

describe('checks per step (第十九条: 请求、事实、理由), with the server’s limits', () => {
  it('asks for what is missing, in Chinese', () => {
    const empty = newDraft();
    expect(validateStep(empty, 'category')).toEqual({ category: messages.validation.categoryRequired });
    expect(validateStep(empty, 'unit')).toEqual({ targetUnitId: messages.validation.unitRequired });
    expect(validateStep(empty, 'content')).toEqual({
      title: '请填写标题',
      facts: '请填写发生了什么',
      request: '请填写您希望怎么解决',
      reasons: '请填写您的理由',
    });
  });

  it('says how long is too long, counting characters as the server does', () => {
    const d = filled({ title: '楼'.repeat(61), request: '好' });
    const e = validateStep(d, 'content');
    expect(e.title).toBe('标题最多60个字，现在是61个字');
    expect(e.request).toBe('您希望怎么解决至少要写2个字');
    // An emoji is one character, not two.
    expect(validateStep(filled({ title: '😀'.repeat(60) }), 'content').title).toBeUndefined();
  });

  it('needs an accused unit or name for 检举控告', () => {
    const d = filled({ category: 'accusation' });
    expect(validateStep(d, 'unit').accused).toBe(messages.validation.accusedRequired);
    expect(validateStep({ ...d, accusedNames: ['张某'] }, 'unit')).toEqual({});
  });

  it('finds the first step with a problem', () => {
    expect(firstInvalidStep(filled({ title: '' }))?.step).toBe(2);
    expect(firstInvalidStep(filled())).toBeNull();
  });

  it('builds the filing body the contract expects, trimmed, without empty optionals', () => {
    const body = toFileCaseBody(
      filled({
        title: '  楼道灯坏了 ',
        category: 'accusation',
        accusedUnitId: 'jd-zjj',
        accusedNames: [' 张某 ', ''],
        address: '江东区',
        lat: 30.1,
        lng: 120.2,
        photos: [{ id: 'att-1', path: 'p', uploadedAt: new Date().toISOString() }],
      }),
    );
    expect(body).toMatchObject({
      targetUnitId: 'jd-xfj',
      proposedCategory: 'accusation',
      accused: { unitId: 'jd-zjj', names: ['张某'] },
      title: '楼道灯坏了',
      location: { address: '江东区', lat: 30.1, lng: 120.2 },
      attachmentIds: ['att-1'],
    });
    expect(toFileCaseBody(filled())).not.toHaveProperty('location');
    expect(toFileCaseBody(filled())).not.toHaveProperty('accused');
  });
});

describe('submitting: one case however many times it is sent', () => {
  // The server's rule (server/src/modules/cases/case.service.ts): the case id derives from the key, so a
  // key seen before answers 200 `replayed` with the same case. This server keeps that rule and can lose
  // the answer to a request it did process — what a dropped mobile connection does.
  let srv: TestServer;
  const cases = new Map<string, { id: string; number: string }>();
  const seenKeys: string[] = [];
  let dropNextAnswer = false;
  let refuseNext: { message: string; article: string } | null = null;

  beforeAll(async () => {
    srv = await listen((req, res, body) => {
      if (req.method !== 'POST' || req.url !== '/api/cases') return json(res, 404, { message: 'Not Found' });
      const b = body as FileCaseBody;
      seenKeys.push(b.idempotencyKey);
      if (refuseNext) {
        const r = refuseNext;
        refuseNext = null;
        return json(res, 422, {
          statusCode: 422,
          code: 'RULE_VIOLATION',
          message: r.message,
          requestId: 'req-1',
          details: { article: r.article, rule: 'SAME_MATTER' },
        });
      }
      const existing = cases.get(b.idempotencyKey);
      const record = existing ?? {
        id: `case-${cases.size + 1}`,
        number: `XF-2026-990102-00000${cases.size + 1}`,
      };
      cases.set(b.idempotencyKey, record);
      if (dropNextAnswer) {
        dropNextAnswer = false;
        req.socket.destroy(); // processed, but the answer never arrives
        return;
      }
      json(res, existing ? 200 : 201, {
        case: { ...record, title: b.title, deadlines: [] },
        replayed: !!existing,
      });
    });
  });
  afterAll(() => srv.close());
  beforeEach(() => {
    cases.clear();
    seenKeys.length = 0;
    dropNextAnswer = false;
    refuseNext = null;
  });

  it('files once (201) and clears the draft', async () => {
    const d = saveDraft(filled());
    const out = await submitDraft(d, { baseUrl: srv.base });
    expect(out.status).toBe(201);
    expect(out.result.replayed).toBe(false);
    expect(loadDraft()).toBeNull();
    expect(cases.size).toBe(1);
  });

  it('keeps the draft and its key when the answer is lost; the retry is answered 200 replayed, one case', async () => {
    const d = saveDraft(filled());
    dropNextAnswer = true;
    const failure = await submitDraft(d, { baseUrl: srv.base }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).kind).toBe('network');

    // The app could be closed here: the draft, with its key, is in storage.
    const kept = loadDraft();
    expect(kept?.draft.idempotencyKey).toBe(d.idempotencyKey);
    expect(kept?.draft.attempts).toBe(1);

    const out = await submitDraft(kept!.draft, { baseUrl: srv.base });
    expect(out.status).toBe(200);
    expect(out.result.replayed).toBe(true);
    expect(seenKeys).toEqual([d.idempotencyKey, d.idempotencyKey]);
    expect(cases.size).toBe(1);
    expect(loadDraft()).toBeNull();
  });

  it('a double tap sends the same key twice and still makes one case', async () => {
    const d = saveDraft(filled());
    const [a, b] = await Promise.all([
      submitDraft(d, { baseUrl: srv.base }),
      submitDraft(d, { baseUrl: srv.base }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.result.case.id).toBe(b.result.case.id);
    expect(cases.size).toBe(1);
  });

  it('keeps the draft on a refusal and carries the server’s Chinese message and article', async () => {
    const d = saveDraft(filled());
    const message = '该事项已在办理中（编号 XF-2026-990102-000001），请勿重复提交。';
    refuseNext = { message, article: '《信访工作条例》第十九条第三款' };
    const err = (await submitDraft(d, { baseUrl: srv.base }).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(422);
    expect(err.message).toBe(message);
    expect(err.article).toBe('《信访工作条例》第十九条第三款');
    expect(loadDraft()?.draft.idempotencyKey).toBe(d.idempotencyKey);
  });
});
