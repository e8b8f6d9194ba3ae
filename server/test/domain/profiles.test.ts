import { describe, expect, it } from 'vitest';
import {
  BUILTIN_PROFILES,
  type ClockName,
  findProfile,
  JIESUJIBAN_PROFILE,
  type Limit,
  resolveClock,
  ruleLines,
  type RuleProfile,
  validateProfile,
  XINFANG_PROFILE,
} from '../../src/domain';

const copy = (p: RuleProfile): RuleProfile => JSON.parse(JSON.stringify(p)) as RuleProfile;

describe('《信访工作条例》 profile: every clock of the lifecycle table', () => {
  const rows: [ClockName, string[], Limit, string, string][] = [
    ['route', [], { days: 15 }, '《信访工作条例》第二十二条', '在15日内'],
    [
      'notice',
      ['direct'],
      { days: 15 },
      '《信访工作条例》第二十三条第二款',
      '自收到信访事项之日起15日内书面告知',
    ],
    [
      'notice',
      ['transferred'],
      { days: 15 },
      '《信访工作条例》第二十三条第三款',
      '自收到之日起15日内书面告知',
    ],
    ['objection', [], { workingDays: 5 }, '《信访工作条例》第二十三条第三款', '5个工作日内提出异议'],
    ['handling', ['claim'], { days: 60 }, '《信访工作条例》第三十四条', '60日内办结'],
    ['reviewRequest', [], { days: 30 }, '《信访工作条例》第三十五条', '自收到书面答复之日起30日内请求'],
    ['review', [], { days: 30 }, '《信访工作条例》第三十五条', '自收到复查请求之日起30日内提出复查意见'],
    [
      'recheckRequest',
      [],
      { days: 30 },
      '《信访工作条例》第三十六条第一款',
      '30日内向复查机关、单位的上一级',
    ],
    [
      'recheck',
      [],
      { days: 30 },
      '《信访工作条例》第三十六条第一款',
      '自收到复核请求之日起30日内提出复核意见',
    ],
  ];
  for (const [clock, variants, limit, article, phrase] of rows) {
    it(`${article}: ${clock}${variants.length ? `(${variants.join(',')})` : ''} is ${JSON.stringify(limit)}, statutory`, () => {
      const c = resolveClock(XINFANG_PROFILE, clock, variants);
      expect(c).toBeDefined();
      expect(c?.limit).toEqual(limit);
      expect(c?.article).toBe(article);
      expect(c?.statutory).toBe(true);
      expect(c?.articleText).toContain(phrase);
    });
  }

  it('第三十四条: one extension of at most 30 days, approved by the unit head', () => {
    const ext = XINFANG_PROFILE.clocks.handling?.extension;
    expect(ext).toMatchObject({ maxDays: 30, statutory: true, article: '《信访工作条例》第三十四条' });
    expect(ext?.articleText).toContain('经本机关、单位负责人批准');
  });

  it('第三十六条第二款: only the 复核 clock is paused by a hearing', () => {
    expect(resolveClock(XINFANG_PROFILE, 'recheck')?.pausable).toBe(true);
    expect(resolveClock(XINFANG_PROFILE, 'review')?.pausable).toBe(false);
    expect(resolveClock(XINFANG_PROFILE, 'handling')?.pausable).toBe(false);
  });

  it('第二十九条 建议意见类: 60日 by default, marked non-statutory and configurable, and the explanation says so', () => {
    const c = resolveClock(XINFANG_PROFILE, 'handling', ['suggestion']);
    expect(c).toMatchObject({ limit: { days: 60 }, statutory: false, article: '《信访工作条例》第二十九条' });
    const lines = ruleLines(c!);
    expect(lines[0]).toContain('办理期限60日，依据《信访工作条例》第二十九条');
    expect(lines[1]).toBe(
      '说明：条例第二十九条未规定建议意见类事项的办理日数，本期限由规则档案设定（默认60日，可配置）。',
    );
  });

  it('第三十条 检举控告类: non-statutory default, said so', () => {
    const c = resolveClock(XINFANG_PROFILE, 'handling', ['accusation']);
    expect(c?.statutory).toBe(false);
    expect(c?.note).toContain('条例第三十条未规定检举控告类事项的办理日数');
  });
});

describe('《北京市接诉即办工作条例》 12345 profile', () => {
  it('第十三条: tiers urgent 2 小时, utility 24 小时, ordinary 7 日, complex 15 日 — all configurable data', () => {
    const tier = (t: string) => resolveClock(JIESUJIBAN_PROFILE, 'handling', ['claim', t]);
    expect(tier('urgent')?.limit).toEqual({ hours: 2 });
    expect(tier('utility')?.limit).toEqual({ hours: 24 });
    expect(tier('ordinary')?.limit).toEqual({ days: 7 });
    expect(tier('complex')?.limit).toEqual({ days: 15 });
    expect(tier('urgent')?.statutory).toBe(false);
    expect(tier('urgent')?.article).toBe('《北京市接诉即办工作条例》第十三条');
    expect(JIESUJIBAN_PROFILE.clocks.handling?.startsOn).toBe('receipt');
  });

  it('第十四条 首接负责制 and 第三十二条 三率 are cited; no 复查/复核 stages', () => {
    expect(JIESUJIBAN_PROFILE.references.firstReceiver?.article).toBe('《北京市接诉即办工作条例》第十四条');
    expect(JIESUJIBAN_PROFILE.references.firstReceiver?.text).toContain('首接负责制');
    expect(JIESUJIBAN_PROFILE.references.metrics?.text).toContain('响应率、解决率、满意率');
    expect(JIESUJIBAN_PROFILE.stages).toMatchObject({ review: false, recheck: false, hearing: false });
    expect(JIESUJIBAN_PROFILE.clocks.reviewRequest).toBeUndefined();
  });

  it('every 12345 clock is non-statutory and explains why', () => {
    for (const rule of Object.values(JIESUJIBAN_PROFILE.clocks)) {
      expect(rule?.statutory).toBe(false);
      expect(rule?.note).toMatch(/规则档案|市政务服务部门/);
    }
  });
});

describe('profiles are data: validateProfile (§8)', () => {
  it('accepts both built-in profiles, also after a JSON round trip (as stored in MongoDB)', () => {
    for (const p of BUILTIN_PROFILES) {
      expect(validateProfile(p)).toEqual({ ok: true, profile: p });
      expect(validateProfile(copy(p)).ok).toBe(true);
    }
  });

  it('an admin may shorten a statutory limit (45日 handling)', () => {
    const p = copy(XINFANG_PROFILE);
    p.clocks.handling!.limit = { days: 45 };
    expect(validateProfile(p).ok).toBe(true);
  });

  it('第三十四条: a statutory limit cannot be lengthened, nor its unit changed', () => {
    const p = copy(XINFANG_PROFILE);
    p.clocks.handling!.limit = { days: 90 };
    p.clocks.objection!.limit = { days: 5 };
    const r = validateProfile(p);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toContain('期限“handling”：90日超过法定期限60日');
      expect(r.errors).toContain('期限“objection”：计算单位必须与法定期限一致（5个工作日）');
    }
  });

  it('第三十四条: a statutory extension cannot exceed 30 days', () => {
    const p = copy(XINFANG_PROFILE);
    p.clocks.handling!.extension!.maxDays = 45;
    const r = validateProfile(p);
    expect(r.ok ? [] : r.errors).toContain('期限“handling”：延长期限不得超过30日');
  });

  it('refuses broken data with Chinese messages', () => {
    const p = copy(XINFANG_PROFILE) as unknown as Record<string, unknown>;
    const clocks = p.clocks as Record<string, unknown>;
    delete clocks.review;
    clocks.bogus = {};
    (p.settings as Record<string, unknown>).basicSatisfiedWeight = 2;
    (p.settings as Record<string, unknown>).maxTransfersWithoutLeader = 0;
    p.version = 0;
    const r = validateProfile(p);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toEqual(
        expect.arrayContaining([
          '版本号必须是正整数',
          '期限“bogus”：未知的期限名称',
          '启用复查时必须定义 reviewRequest 和 review 期限（第三十五条）',
          'settings.basicSatisfiedWeight 必须在 0 到 1 之间',
          'settings.maxTransfersWithoutLeader 必须是不小于1的整数',
        ]),
      );
    }
  });

  it('a non-statutory clock must say why it exists; a missing handling clock is refused', () => {
    const p = copy(JIESUJIBAN_PROFILE);
    delete p.clocks.route!.note;
    delete p.clocks.handling;
    const r = validateProfile(p);
    expect(r.ok ? [] : r.errors).toEqual(
      expect.arrayContaining([
        '期限“route”：非法定期限必须附说明（例如“条例未规定日数，由规则档案设定”）',
        '必须定义办理期限（handling）',
      ]),
    );
    expect(validateProfile('nope')).toEqual({ ok: false, errors: ['规则档案必须是对象'] });
  });

  it('a case finds the profile (id + version) it started under', () => {
    expect(findProfile({ id: 'xinfang-2022', version: 1 })).toBe(XINFANG_PROFILE);
    expect(findProfile({ id: 'xinfang-2022', version: 2 })).toBeUndefined();
  });
});
