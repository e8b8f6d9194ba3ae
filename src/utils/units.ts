import type { Unit } from '../api/types';

/**
 * The unit directory as a resident looks for it: by district (区/县), then by name. Districts come from the
 * unit tree itself: each region's 人民政府 names it.
 */
export interface UnitGroup {
  regionCode: string;
  /** 江东区 / 青山县 / 临江市（市级单位）… */
  name: string;
  /** true for the city level (the root government's region). */
  city: boolean;
  units: Unit[];
}

const GOVERNMENT = '人民政府';
const PETITION_BUREAU = '信访部门';

/** Which kinds a resident most likely wants come first in a district. */
const KIND_ORDER = [PETITION_BUREAU, '乡镇街道', '职能部门', GOVERNMENT, '纪检监察', '政法'];

function kindRank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i === -1 ? KIND_ORDER.length : i;
}

function cityPrefix(units: Unit[]): string {
  const root = units.find((u) => u.kind === GOVERNMENT && u.parentId === null);
  return root ? root.name.replace(GOVERNMENT, '') : '';
}

/** `临江市江东区住房和城乡建设局` → `江东区住房和城乡建设局` (the city is the same for every unit). */
export function shortUnitName(name: string, prefix: string): string {
  return prefix && name.startsWith(prefix) && name.length > prefix.length ? name.slice(prefix.length) : name;
}

export function groupUnitsByDistrict(units: Unit[], cityLabel: string): UnitGroup[] {
  const prefix = cityPrefix(units);
  const root = units.find((u) => u.kind === GOVERNMENT && u.parentId === null);
  const byRegion = new Map<string, Unit[]>();
  for (const u of units) {
    const list = byRegion.get(u.regionCode) ?? [];
    list.push(u);
    byRegion.set(u.regionCode, list);
  }
  const groups: UnitGroup[] = [];
  for (const [regionCode, list] of byRegion) {
    const city = root ? regionCode === root.regionCode : false;
    const gov = list.find((u) => u.kind === GOVERNMENT);
    const name = city
      ? `${prefix}（${cityLabel}）`
      : gov
        ? shortUnitName(gov.name.replace(GOVERNMENT, ''), prefix)
        : regionCode;
    list.sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || a.name.localeCompare(b.name, 'zh-CN'));
    groups.push({ regionCode, name, city, units: list });
  }
  // Districts first (residents mostly deal with their own), the city level last.
  return groups.sort((a, b) => Number(a.city) - Number(b.city) || a.regionCode.localeCompare(b.regionCode));
}

/** Keeps the units whose name contains every character group of the query (spaces separate groups). */
export function searchUnitGroups(groups: UnitGroup[], query: string): UnitGroup[] {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return groups;
  return groups
    .map((g) => ({
      ...g,
      units: g.units.filter((u) => words.every((w) => `${g.name}${u.name}`.includes(w))),
    }))
    .filter((g) => g.units.length > 0);
}

/**
 * The unit a filing starts with: the one chosen last time if it still exists, else the first district's
 * 信访局 — it registers the petition and transfers it to whoever has authority (第二十二条).
 */
export function defaultUnitId(groups: UnitGroup[], lastUsed: string | null): string | null {
  if (lastUsed && groups.some((g) => g.units.some((u) => u.id === lastUsed))) return lastUsed;
  for (const g of groups) {
    if (g.city) continue;
    const bureau = g.units.find((u) => u.kind === PETITION_BUREAU);
    if (bureau) return bureau.id;
  }
  return groups.flatMap((g) => g.units).find((u) => u.kind === PETITION_BUREAU)?.id ?? null;
}

export function findUnit(groups: UnitGroup[], id: string | null): Unit | undefined {
  if (!id) return undefined;
  for (const g of groups) {
    const u = g.units.find((x) => x.id === id);
    if (u) return u;
  }
  return undefined;
}
