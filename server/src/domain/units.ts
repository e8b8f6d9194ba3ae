/**
 * The unit tree. `parentId` is the 上一级机关、单位: 复查 goes to the parent of the handling unit
 * (《信访工作条例》第三十五条), 复核 to the parent of the 复查 unit (第三十六条), a dispute about who accepts goes
 * to the common parent (第二十四条).
 */

/**
 * Unit kinds (DOMAIN.md §1), spelled as the server's unit model stores them. 人民政府 is the level government
 * a 复查/复核 climbs to; 信访部门 has the 15-day routing duty of 第二十二条.
 */
export const UNIT_KINDS = ['人民政府', '信访部门', '职能部门', '乡镇街道', '纪检监察', '政法'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** A unit as stored (plain data). */
export interface Unit {
  id: string;
  name: string;
  parentId: string | null;
  kind: UnitKind;
  /** Administrative region code (e.g. '110105'), for roll-ups and sharding. */
  regionCode?: string;
  /** Rule profile the unit is bound to (DOMAIN.md §8); the default profile otherwise. */
  profileId?: string;
}

export class UnitTree {
  private readonly byId: ReadonlyMap<string, Unit>;

  constructor(units: readonly Unit[]) {
    const map = new Map<string, Unit>();
    for (const u of units) {
      if (map.has(u.id)) throw new RangeError(`单位编号重复：${u.id}`);
      map.set(u.id, u);
    }
    for (const u of units) {
      // A cycle would make ancestors() loop forever and 复查/复核 routing meaningless.
      const seen = new Set<string>([u.id]);
      let p = u.parentId;
      while (p !== null) {
        if (seen.has(p)) throw new RangeError(`单位层级存在循环：${u.id}`);
        seen.add(p);
        p = map.get(p)?.parentId ?? null;
      }
    }
    this.byId = map;
  }

  get(id: string): Unit | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  name(id: string | null | undefined): string {
    if (!id) return '（无）';
    return this.byId.get(id)?.name ?? id;
  }

  parentOf(id: string): Unit | undefined {
    const p = this.byId.get(id)?.parentId;
    return p ? this.byId.get(p) : undefined;
  }

  /** Ancestors from the parent up to the root. */
  ancestors(id: string): Unit[] {
    const out: Unit[] = [];
    let p = this.parentOf(id);
    while (p) {
      out.push(p);
      p = this.parentOf(p.id);
    }
    return out;
  }

  /** Is `unitId` the same as, or below, `rootId`? */
  isSameOrUnder(unitId: string, rootId: string): boolean {
    if (unitId === rootId) return true;
    return this.ancestors(unitId).some((a) => a.id === rootId);
  }

  /** Is `ancestorId` strictly above `unitId`? */
  isAncestor(ancestorId: string, unitId: string): boolean {
    return unitId !== ancestorId && this.isSameOrUnder(unitId, ancestorId);
  }

  /** The nearest unit above (or equal to) both — 第二十四条 共同的上一级机关. */
  commonParent(a: string, b: string): Unit | undefined {
    const chainA = [this.byId.get(a), ...this.ancestors(a)].filter((u): u is Unit => !!u);
    const idsB = new Set([b, ...this.ancestors(b).map((u) => u.id)]);
    return chainA.find((u) => idsB.has(u.id));
  }

  all(): Unit[] {
    return [...this.byId.values()];
  }

  private childIndex: ReadonlyMap<string, Unit[]> | undefined;

  /** The units whose parent is `id` (indexed on first use). */
  children(id: string): readonly Unit[] {
    if (!this.childIndex) {
      const m = new Map<string, Unit[]>();
      for (const u of this.byId.values()) {
        if (u.parentId === null) continue;
        const list = m.get(u.parentId) ?? [];
        list.push(u);
        m.set(u.parentId, list);
      }
      this.childIndex = m;
    }
    return this.childIndex.get(id) ?? [];
  }
}
