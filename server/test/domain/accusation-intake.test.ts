import { describe, expect, it } from 'vitest';
import {
  accusationIntake,
  canRouteTo,
  canView,
  openCase,
  type Actor,
  type CaseSnapshot,
  type NewCaseInput,
} from '../../src/domain';
import { A, act, ctx, refused, T, tree } from './support';

/**
 * 《信访工作条例》第三十条第三款 (不得将信访人的检举、揭发材料以及有关情况透露或者转送给被检举、揭发的人员或者单位) and
 * 第四十六条第五项: a 检举控告 the resident files online is protected from the first write, not only once a clerk
 * registers it (DOMAIN.md §5).
 */
let n = 0;
function fileOnline(over: Partial<NewCaseInput> = {}, actor: Actor = A.resident) {
  n += 1;
  return openCase(
    {
      id: `online-${n}`,
      channel: actor.roles.includes('grid_worker') ? 'grid' : 'online',
      targetUnitId: 'dept-housing',
      subject: '举报住建委工作人员违规收费',
      petitioner: { id: 'p1', name: '张三', contactClear: true },
      ...(actor.roles.includes('grid_worker') ? { consentRecorded: true } : {}),
      ...over,
    },
    actor,
    T.open,
    ctx,
  );
}

function filed(over: Partial<NewCaseInput> = {}, actor?: Actor): CaseSnapshot {
  const d = fileOnline(over, actor);
  if (!d.ok) throw new Error(`${d.code} ${d.message}`);
  return d.snapshot;
}

const againstHousing = { proposal: { category: 'accusation' as const, accused: { unitId: 'dept-housing' } } };

describe('《信访工作条例》第三十条第三款: a resident’s 检举控告 is protected from the first write', () => {
  it('第三十条第三款: the snapshot carries the accused party from openCase on, and intake goes to the petition bureau above the accused unit, not the unit it was addressed to', () => {
    const d = fileOnline(againstHousing);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    const c = d.snapshot;
    expect(c.state).toBe('submitted');
    expect(c.accused).toEqual({ unitId: 'dept-housing' });
    expect(c.proposal).toEqual({ category: 'accusation', accused: { unitId: 'dept-housing' } });
    expect(c.currentUnitId).toBe('bureau-district');
    expect(c.path).toEqual(['bureau-district']);
    expect(c.deadlines.route?.unitId).toBe('bureau-district');
    // the unit notice goes to the bureau; the resident is told where it went
    expect(d.notices.filter((x) => x.audience === 'unit').map((x) => x.unitId)).toEqual(['bureau-district']);
    expect(d.notices.find((x) => x.audience === 'petitioner')?.message).toContain('甲区信访办');
    expect(d.events[0]!.summary).toContain('甲区信访办');
  });

  it('第三十条第三款: while it waits to be registered no one of the accused unit or a unit under it can read it; the bureau can', () => {
    const c = filed(againstHousing);
    for (const actor of [A.clerkHousing, A.handlerHousing, A.headHousing, A.clerkOffice, A.handlerOffice]) {
      expect(canView(c, actor, ctx)).toBe(false);
    }
    expect(canView(c, A.clerkBureau, ctx)).toBe(true);
    expect(canView(c, A.headBureau, ctx)).toBe(true);
    expect(canView(c, A.resident, ctx)).toBe(true);
    // and even registered and routed on, it never goes there
    const reg = act(
      c,
      A.clerkBureau,
      { type: 'register', classification: { category: 'accusation', accused: { unitId: 'dept-housing' } } },
      T.route,
    ).snapshot;
    expect(canRouteTo(reg, 'office-property', tree)).toMatchObject({ ok: false, code: 'ROUTE_TO_ACCUSED' });
  });

  it('第三十条第三款: an accusation against the district government goes to the city bureau — the district bureau is under the accused', () => {
    const c = filed({
      targetUnitId: 'bureau-district',
      proposal: { category: 'accusation', accused: { unitId: 'gov-district' } },
    });
    expect(c.currentUnitId).toBe('bureau-city');
    expect(canView(c, A.leaderDistrict, ctx)).toBe(false);
    expect(canView(c, A.clerkBureau, ctx)).toBe(false);
    expect(canView(c, A.clerkCityBureau, ctx)).toBe(true);
    expect(canView(c, A.leaderCity, ctx)).toBe(true);
  });

  it('第三十条第三款: the choice is deterministic and does not depend on the unit the resident picked', () => {
    const targets = ['dept-housing', 'office-property', 'bureau-city', 'street-a'];
    const units = targets.map(
      (t) => filed({ targetUnitId: t, proposal: againstHousing.proposal }).currentUnitId,
    );
    expect(new Set(units)).toEqual(new Set(['bureau-district']));
    expect(accusationIntake({ unitId: 'office-property' }, tree)).toEqual({
      ok: true,
      unitId: 'bureau-district',
    });
  });

  it('第三十条第三款: with no petition bureau outside the accused subtree the filing is refused with guidance in Chinese', () => {
    const d = fileOnline({ proposal: { category: 'accusation', accused: { unitId: 'gov-city' } } });
    expect(d).toMatchObject({
      ok: false,
      code: 'NO_ACCUSATION_INTAKE',
      article: '《信访工作条例》第三十条第三款',
    });
    if (d.ok) return;
    expect(d.message).toMatch(/纪检监察/);
  });

  it('第三十条第三款: an accusation names someone; an unknown accused unit is refused', () => {
    expect(fileOnline({ proposal: { category: 'accusation', accused: {} } })).toMatchObject({
      ok: false,
      code: 'ACCUSED_REQUIRED',
    });
    expect(fileOnline({ proposal: { category: 'accusation' } })).toMatchObject({
      ok: false,
      code: 'ACCUSED_REQUIRED',
    });
    expect(fileOnline({ proposal: { category: 'accusation', accused: { unitId: 'ghost' } } })).toMatchObject({
      ok: false,
      code: 'UNKNOWN_UNIT',
    });
  });

  it('第三十条第三款: a grid worker filing a resident’s accusation is held to the same intake', () => {
    const c = filed(againstHousing, A.grid);
    expect(c.currentUnitId).toBe('bureau-district');
    expect(canView(c, A.headHousing, ctx)).toBe(false);
    expect(canView(c, A.grid, ctx)).toBe(true);
  });

  it('an accusation naming only people (no unit) goes where it was addressed; other categories are only recorded', () => {
    const named = filed({
      targetUnitId: 'bureau-district',
      proposal: { category: 'accusation', accused: { names: ['李某'] } },
    });
    expect(named.currentUnitId).toBe('bureau-district');
    expect(named.accused).toEqual({ names: ['李某'] });
    const claim = filed({ targetUnitId: 'dept-env', proposal: { category: 'claim' } });
    expect(claim).toMatchObject({
      currentUnitId: 'dept-env',
      accused: null,
      proposal: { category: 'claim' },
    });
  });
});

describe('《信访工作条例》第四十六条第五项: the accused persons are protected as well as units', () => {
  const personal = {
    subject: '举报物业科工作人员',
    classification: {
      category: 'accusation' as const,
      accused: { userIds: ['u-handler-office'], personUnitIds: ['office-property'], names: ['王某'] },
    },
  };

  it('第四十六条第五项: an accusation naming a person is never routed to that person’s own unit (or below), whose staff cannot read it', () => {
    const d = openCase(
      {
        id: 'person-1',
        channel: 'letter',
        targetUnitId: 'bureau-district',
        petitioner: { id: 'p1', contactClear: true },
        ...personal,
      },
      A.clerkBureau,
      T.open,
      ctx,
    );
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    const c = d.snapshot;
    const r = refused(
      c,
      A.clerkBureau,
      { type: 'route', toUnitId: 'office-property', mode: 'transfer' },
      T.route,
    );
    expect(r).toMatchObject({ code: 'ROUTE_TO_ACCUSED', article: '《信访工作条例》第三十条第三款' });
    expect(canView(c, A.handlerOffice, ctx)).toBe(false);
    expect(canView(c, A.clerkOffice, ctx)).toBe(false);
    // the unit above the person's unit is not protected by the person alone
    expect(canRouteTo(c, 'dept-housing', tree)).toEqual({ ok: true });
  });

  it('第四十六条第五项: the accused person’s unit cannot register it', () => {
    const d = openCase(
      {
        id: 'person-2',
        channel: 'letter',
        targetUnitId: 'office-property',
        petitioner: { id: 'p1', contactClear: true },
        ...personal,
      },
      A.clerkOffice,
      T.open,
      ctx,
    );
    expect(d).toMatchObject({ ok: false, code: 'ACCUSED_UNIT_RECEIVES' });
  });

  it('第四十六条第五项: intake for an accusation naming only a person with a known unit goes to the bureau above that unit', () => {
    expect(accusationIntake({ personUnitIds: ['office-property'] }, tree)).toEqual({
      ok: true,
      unitId: 'bureau-district',
    });
  });
});

describe('《信访工作条例》第三十条第三款: the registering clerk confirms or corrects the resident’s proposal', () => {
  it('第三十条第三款: confirming the accusation needs no reason; the clerk may name more', () => {
    const c = filed(againstHousing);
    const d = act(
      c,
      A.clerkBureau,
      {
        type: 'register',
        classification: { category: 'accusation', accused: { unitId: 'dept-housing', names: ['李某'] } },
      },
      T.route,
    );
    expect(d.snapshot).toMatchObject({
      category: 'accusation',
      accused: { unitId: 'dept-housing', names: ['李某'] },
      firstReceiver: { unitId: 'bureau-district' },
    });
  });

  it('第三十条第三款: a correction away from 检举控告 states its reason, which the timeline keeps', () => {
    const c = filed(againstHousing);
    const r = refused(c, A.clerkBureau, { type: 'register', classification: { category: 'claim' } }, T.route);
    expect(r).toMatchObject({
      code: 'CORRECTION_REASON_REQUIRED',
      article: '《信访工作条例》第三十条第三款',
    });
    expect(r.message).toContain('甲区住建委');
    const d = act(
      c,
      A.clerkBureau,
      {
        type: 'register',
        classification: { category: 'claim' },
        correctionReason: '来信反映的是物业维修诉求，并无检举内容',
      },
      T.route,
    );
    expect(d.snapshot.category).toBe('claim');
    expect(d.snapshot.accused).toBeNull();
    expect(d.events[0]!.summary).toContain('来信反映的是物业维修诉求');
    expect(d.events[0]!.action).toMatchObject({ correctionReason: '来信反映的是物业维修诉求，并无检举内容' });
  });

  it('第三十条第三款: dropping the accused unit the resident named is a correction too', () => {
    const c = filed(againstHousing);
    expect(
      refused(
        c,
        A.clerkBureau,
        { type: 'register', classification: { category: 'accusation', accused: { names: ['李某'] } } },
        T.route,
      ).code,
    ).toBe('CORRECTION_REASON_REQUIRED');
  });
});
