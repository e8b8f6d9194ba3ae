import { describe, expect, it } from 'vitest';
import { type CaseSnapshot, type DecisionOk, type RuleProfile, XINFANG_PROFILE } from '../../src/domain';
import type { CaseDoc } from '../../src/modules/cases/case.model';
import { fieldsFor, fill, triggerOf } from '../../src/modules/documents/document.fill';
import { BUILTIN_TEMPLATES } from '../../src/modules/documents/templates';
import type { IssuableKind } from '../../src/contracts/documents';
import { A, act, ctx, ctxFor, newCase, OPINION, STRICT, T, tree } from '../domain/support';

/** The stored case as the cases module keeps it, from the domain's decisions (timeline included). */
function docOf(steps: DecisionOk[]): CaseDoc {
  const last = steps.at(-1)!;
  const { id, ...snapshot }: CaseSnapshot = last.snapshot;
  return {
    ...snapshot,
    _id: id,
    number: 'XF-2026-990102-000001',
    content: {
      title: snapshot.subject,
      request: '请求维修供暖设施',
      facts: '',
      reasons: '',
      subjectCode: null,
      location: null,
    },
    events: steps.flatMap((d) => d.events),
    nextDue: null,
    urgencyKey: '~',
    outbox: [],
    alerts: [],
  };
}

/** A claim walked to its first opinion with an approved 10-day extension, under `profile`. */
function walk(profile: RuleProfile): CaseDoc {
  const context = profile === XINFANG_PROFILE ? ctx : ctxFor(profile);
  const c = newCase({}, A.clerkBureau, T.open, context);
  const steps: DecisionOk[] = [];
  const step = (actor: typeof A.clerkBureau, action: Parameters<typeof act>[2], at: string) => {
    const d = act(steps.at(-1)?.snapshot ?? c, actor, action, at, context);
    steps.push(d);
  };
  step(A.clerkBureau, { type: 'route', toUnitId: 'dept-housing', mode: 'transfer' }, T.route);
  step(A.clerkHousing, { type: 'accept' }, T.accept);
  step(
    A.handlerHousing,
    { type: 'requestExtension', days: 10, reason: '需委托检测' },
    '2026-04-01T10:00:00+08:00',
  );
  step(A.headHousing, { type: 'decideExtension', approve: true }, '2026-04-02T10:00:00+08:00');
  step(A.headHousing, { type: 'reply', document: OPINION }, T.reply);
  return docOf(steps);
}

function text(kind: IssuableKind, doc: CaseDoc, profile: RuleProfile): string {
  const template = BUILTIN_TEMPLATES.find((t) => t.kind === kind)!;
  const trigger = triggerOf(kind, doc.events)!;
  return fill(template.paragraphs, fieldsFor(kind, doc, trigger, tree, '张三', profile)).join('\n');
}

describe('文书 state the limits of the case’s rule profile, never the template’s own numbers (DOMAIN.md §7, §8)', () => {
  it('《信访工作条例》第三十四条: the acceptance notice under the default profile reads as before (60日, 30日)', () => {
    const doc = walk(XINFANG_PROFILE);
    expect(text('acceptanceNotice', doc, XINFANG_PROFILE)).toContain(
      '根据《信访工作条例》第三十四条规定，本机关（单位）将自受理之日起60日内办结；情况复杂的，经本机关（单位）负责人批准，可以适当延长办理期限，但延长期限不得超过30日，并告知您延期理由。',
    );
    expect(text('extensionNotice', doc, XINFANG_PROFILE)).toContain(
      '根据《信访工作条例》第三十四条规定，延长期限不超过30日。',
    );
  });

  it('《信访工作条例》第三十四条: under a profile of 45日 with at most 20日 of extension, the notices say so', () => {
    const doc = walk(STRICT);
    const acceptance = text('acceptanceNotice', doc, STRICT);
    expect(acceptance).toContain('将自受理之日起45日内办结');
    expect(acceptance).toContain('延长期限不得超过20日');
    expect(acceptance).not.toMatch(/60日|30日/);
    expect(text('extensionNotice', doc, STRICT)).toContain('延长期限不超过20日。');
  });

  it('《信访工作条例》第三十五条: the opinion’s next step states the case’s own 复查 request period', () => {
    expect(text('opinion', walk(XINFANG_PROFILE), XINFANG_PROFILE)).toContain(
      '如不服本处理意见，可以自收到本意见书之日起30日内（至2026年5月20日）向甲区人民政府请求复查（《信访工作条例》第三十五条）。',
    );
    const strict = text('opinion', walk(STRICT), STRICT);
    expect(strict).toContain('可以自收到本意见书之日起20日内（至2026年5月11日）');
    expect(strict).not.toContain('30日');
  });

  it('《信访工作条例》第二十九条: a suggestion’s handling period is the profile’s, and the notice says it is not the article’s', () => {
    const c = newCase({ classification: { category: 'suggestion' } });
    const routed = act(
      c,
      A.clerkBureau,
      { type: 'route', toUnitId: 'dept-housing', mode: 'transfer' },
      T.route,
    );
    const accepted = act(routed.snapshot, A.clerkHousing, { type: 'accept' }, T.accept);
    const notice = text('acceptanceNotice', docOf([routed, accepted]), XINFANG_PROFILE);
    expect(notice).toContain(
      '根据《信访工作条例》第二十九条和本机关（单位）适用的办理时限规定，本机关（单位）将自受理之日起60日内办结',
    );
  });
});
