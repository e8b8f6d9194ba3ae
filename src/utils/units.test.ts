import { describe, expect, it } from 'vitest';
import type { Unit } from '../api/types';
import { defaultUnitId, groupUnitsByDistrict, searchUnitGroups } from './units';

const u = (id: string, name: string, kind: string, parentId: string | null, regionCode: string): Unit => ({
  id,
  name,
  kind,
  parentId,
  regionCode,
  accusationIntake: null,
});

const UNITS = [
  u('lj-gov', '临江市人民政府', '人民政府', null, '990100'),
  u('lj-xfj', '临江市信访局', '信访部门', 'lj-gov', '990100'),
  u('jx-zjj', '临江市江西区住房和城乡建设局', '职能部门', 'jx-gov', '990103'),
  u('jx-gov', '临江市江西区人民政府', '人民政府', 'lj-gov', '990103'),
  u('jx-xfj', '临江市江西区信访局', '信访部门', 'jx-gov', '990103'),
  u('jd-gov', '临江市江东区人民政府', '人民政府', 'lj-gov', '990102'),
  u('jd-st1', '临江市江东区滨江街道', '乡镇街道', 'jd-gov', '990102'),
  u('jd-xfj', '临江市江东区信访局', '信访部门', 'jd-gov', '990102'),
];

describe('unit picker: by district, 信访局 first', () => {
  const groups = groupUnitsByDistrict(UNITS, '市级单位');

  it('groups by district named after its government, the city level last', () => {
    expect(groups.map((g) => g.name)).toEqual(['江东区', '江西区', '临江市（市级单位）']);
    expect(groups[0]!.units.map((x) => x.id)).toEqual(['jd-xfj', 'jd-st1', 'jd-gov']);
  });

  it('defaults to the first district’s 信访局, or the unit used last time', () => {
    expect(defaultUnitId(groups, null)).toBe('jd-xfj');
    expect(defaultUnitId(groups, 'jx-zjj')).toBe('jx-zjj');
    expect(defaultUnitId(groups, 'gone')).toBe('jd-xfj');
  });

  it('searches by name and district', () => {
    expect(searchUnitGroups(groups, '住房').flatMap((g) => g.units.map((x) => x.id))).toEqual(['jx-zjj']);
    expect(searchUnitGroups(groups, '江东 信访').flatMap((g) => g.units.map((x) => x.id))).toEqual([
      'jd-xfj',
    ]);
    expect(searchUnitGroups(groups, '没有这个')).toEqual([]);
  });
});
