import { describe, expect, it } from 'vitest';
import { assessFiling, matterFingerprint, openCase, validateRepresentatives } from '../../src/domain';
import { A, accepted, ctx, finalCase, replied, reviewed, T, tree } from './support';

const at = (s: string) => `${s}+08:00`;
const FP = matterFingerprint('小区供暖不达标，请求维修');

describe('《信访工作条例》第十九条第三款 已受理或正在办理的同一事项，在规定期限内向上级又提出的，上级不予受理', () => {
  it('filed again with 甲区人民政府 (above 甲区住建委) while in time: refused there, showing the existing case', () => {
    const existing = accepted();
    const r = assessFiling(
      {
        petitionerId: 'p1',
        matterFingerprint: FP,
        targetUnitId: 'gov-district',
        at: at('2026-04-01T10:00:00'),
      },
      [existing],
      tree,
    );
    expect(r).toMatchObject({
      kind: 'sameMatterAtHigherUnit',
      refuse: true,
      existingCaseId: existing.id,
      article: '《信访工作条例》第十九条第三款',
    });
    if (r.kind === 'sameMatterAtHigherUnit') expect(r.message).toContain('甲区住建委');
    expect(
      assessFiling(
        {
          petitionerId: 'p1',
          matterFingerprint: FP,
          targetUnitId: 'gov-city',
          at: at('2026-04-01T10:00:00'),
        },
        [existing],
        tree,
      ).kind,
    ).toBe('sameMatterAtHigherUnit');
  });

  it('not a higher unit (a sibling department): not refused, but shown as in progress', () => {
    const existing = accepted();
    const r = assessFiling(
      { petitionerId: 'p1', matterFingerprint: FP, targetUnitId: 'dept-env', at: at('2026-04-01T10:00:00') },
      [existing],
      tree,
    );
    expect(r).toMatchObject({
      kind: 'inProgress',
      refuse: false,
      overdue: false,
      existingCaseId: existing.id,
    });
  });

  it('outside the time limit (handling due 05-06 has passed): the higher unit may take it up', () => {
    const r = assessFiling(
      {
        petitionerId: 'p1',
        matterFingerprint: FP,
        targetUnitId: 'gov-district',
        at: at('2026-05-07T10:00:00'),
      },
      [accepted()],
      tree,
    );
    expect(r).toMatchObject({ kind: 'inProgress', refuse: false, overdue: true });
  });

  it('only the same petitioner and the same matter count', () => {
    const existing = accepted();
    expect(
      assessFiling(
        { petitionerId: 'p2', matterFingerprint: FP, targetUnitId: 'gov-district', at: T.reply },
        [existing],
        tree,
      ),
    ).toMatchObject({
      kind: 'new',
      firstTime: true,
    });
    expect(
      assessFiling(
        {
          petitionerId: 'p1',
          matterFingerprint: matterFingerprint('噪音扰民'),
          targetUnitId: 'gov-district',
          at: T.reply,
        },
        [existing],
        tree,
      ),
    ).toMatchObject({ kind: 'new', firstTime: false });
  });

  it('the fingerprint ignores spacing, punctuation and width', () => {
    expect(matterFingerprint('小区供暖 不达标！请求维修。')).toBe(FP);
    expect(matterFingerprint('ＡＢＣ 小区')).toBe(matterFingerprint('abc小区'));
  });
});

describe('《信访工作条例》第三十六条第三款 复核后同一事实和理由不再受理', () => {
  it('after 复核, the same matter is refused at every unit', () => {
    const f = finalCase();
    for (const unit of ['bureau-district', 'dept-housing', 'bureau-city']) {
      const r = assessFiling(
        { petitionerId: 'p1', matterFingerprint: FP, targetUnitId: unit, at: at('2026-08-01T10:00:00') },
        [f],
        tree,
      );
      expect(r).toMatchObject({
        kind: 'final',
        refuse: true,
        existingCaseId: f.id,
        article: '《信访工作条例》第三十六条第三款',
      });
    }
  });

  it('new facts (a different matter) are a new case', () => {
    const r = assessFiling(
      {
        petitionerId: 'p1',
        matterFingerprint: matterFingerprint('新的事实：管道再次破裂'),
        targetUnitId: 'bureau-district',
        at: at('2026-08-01T10:00:00'),
      },
      [finalCase()],
      tree,
    );
    expect(r.kind).toBe('new');
  });
});

describe('重复信访 and 初信初访 (DOMAIN.md §6)', () => {
  it('a matter filed again after its case closed is a repeat; with the 复查 window open the petitioner is pointed to 复查', () => {
    const r = assessFiling(
      {
        petitionerId: 'p1',
        matterFingerprint: FP,
        targetUnitId: 'bureau-district',
        at: at('2026-04-25T10:00:00'),
      },
      [replied()],
      tree,
    );
    expect(r).toMatchObject({ kind: 'repeat', suggestion: 'requestReview', firstTime: false });
    if (r.kind === 'repeat') expect(r.message).toContain('可请求复查（《信访工作条例》第三十五条）');
    const late = assessFiling(
      {
        petitionerId: 'p1',
        matterFingerprint: FP,
        targetUnitId: 'bureau-district',
        at: at('2026-06-25T10:00:00'),
      },
      [replied()],
      tree,
    );
    expect(late).toMatchObject({ kind: 'repeat', suggestion: null });
    const rc = assessFiling(
      {
        petitionerId: 'p1',
        matterFingerprint: FP,
        targetUnitId: 'bureau-district',
        at: at('2026-06-05T10:00:00'),
      },
      [reviewed()],
      tree,
    );
    expect(rc).toMatchObject({ kind: 'repeat', suggestion: 'requestRecheck' });
  });

  it('the server stores the assessment on the new case (初信初访 / 重复信访 flags)', () => {
    const base = {
      id: 'r1',
      channel: 'visit' as const,
      targetUnitId: 'bureau-district',
      subject: '同一事项',
      petitioner: { id: 'p1', contactClear: true },
      classification: { category: 'claim' as const },
    };
    const rep = openCase({ ...base, repeatOf: 'case-old' }, A.clerkBureau, T.open, ctx);
    expect(rep.ok && rep.snapshot.repeatOf).toBe('case-old');
    const first = openCase({ ...base, id: 'r2', firstTime: true }, A.clerkBureau, T.open, ctx);
    expect(first.ok && first.snapshot.firstTime).toBe(true);
  });
});

describe('《信访工作条例》第二十条第三款 多人走访推选代表，代表人数不得超过5人', () => {
  it('5 representatives pass, 6 are refused, duplicates and blanks are refused', () => {
    expect(validateRepresentatives(['甲', '乙', '丙', '丁', '戊'])).toBeNull();
    expect(validateRepresentatives(undefined)).toBeNull();
    expect(validateRepresentatives(['甲', '乙', '丙', '丁', '戊', '己'])).toMatchObject({
      code: 'TOO_MANY_REPRESENTATIVES',
      article: '《信访工作条例》第二十条第三款',
      message: '多人走访应当推选代表，代表人数不得超过5人（现为6人）。',
    });
    expect(validateRepresentatives(['甲', '甲'])?.code).toBe('BAD_REPRESENTATIVES');
    expect(validateRepresentatives(['甲', ' '])?.code).toBe('BAD_REPRESENTATIVES');
  });

  it('a group visit with 6 representatives cannot be registered; with 5 it can', () => {
    const input = {
      id: 'grp',
      channel: 'visit' as const,
      targetUnitId: 'bureau-district',
      subject: '集体反映拆迁补偿',
      petitioner: { id: 'p1', contactClear: true },
      classification: { category: 'claim' as const },
    };
    expect(
      openCase(
        { ...input, representatives: ['甲', '乙', '丙', '丁', '戊', '己'] },
        A.clerkBureau,
        T.open,
        ctx,
      ),
    ).toMatchObject({
      ok: false,
      code: 'TOO_MANY_REPRESENTATIVES',
    });
    const ok = openCase(
      { ...input, representatives: ['甲', '乙', '丙', '丁', '戊'] },
      A.clerkBureau,
      T.open,
      ctx,
    );
    expect(ok.ok && ok.snapshot.representatives).toHaveLength(5);
  });
});
