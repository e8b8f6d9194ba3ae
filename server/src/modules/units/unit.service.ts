import type { Connection } from 'mongoose';
import { UnitTree, type UnitKind } from '../../domain';
import { cached } from '../../lib/cached';
import { unitModel } from './unit.model';

/**
 * The unit tree every rule needs (parents for 复查/复核, subtrees for leaders and accused units), cached;
 * admin writes call `invalidate()`, and the TTL picks up changes made by another instance.
 */
export function unitDirectory(conn: Connection, ttlMs = 30_000) {
  const Unit = unitModel(conn);
  const tree = cached(async () => {
    const rows = await Unit.find(
      {},
      { code: 1, name: 1, parentCode: 1, kind: 1, regionCode: 1, profileId: 1 },
    ).lean();
    return new UnitTree(
      rows.map((u) => ({
        id: u.code,
        name: u.name,
        parentId: u.parentCode ?? null,
        kind: u.kind as UnitKind,
        regionCode: u.regionCode,
        profileId: u.profileId ?? undefined,
      })),
    );
  }, ttlMs);
  return { tree: tree.get, invalidate: tree.invalidate };
}
export type UnitDirectory = ReturnType<typeof unitDirectory>;
