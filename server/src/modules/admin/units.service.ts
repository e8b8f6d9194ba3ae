import { BUILTIN_PROFILES, UnitTree, type UnitKind } from '../../domain';
import { BadRequest, Conflict, NotFound } from '../../errors';
import type { CreateUnitBody, UnitNode, UpdateUnitBody } from '../../contracts/admin';
import { unitModel, type Unit } from '../units/unit.model';
import { profileModel } from './admin.model';
import { changedFields, isDuplicateKey, withLease, type AdminContext, type AdminDeps } from './admin.shared';

type UnitRow = Unit & { updatedAt?: Date | null };

/** Moves and creations take this lease: the cycle check and the ancestors must see a tree nobody else moves. */
const TREE_LEASE = 'unit-tree';

/** The domain's unit tree from stored rows (it needs only each unit's code, name, kind and parent). */
function treeOf(
  rows: readonly Pick<UnitRow, 'code' | 'name' | 'kind' | 'parentCode'>[],
  override?: { code: string; parentCode: string | null },
): UnitTree {
  return new UnitTree(
    rows.map((u) => ({
      id: u.code,
      name: u.name,
      kind: u.kind as UnitKind,
      parentId: override && override.code === u.code ? override.parentCode : (u.parentCode ?? null),
    })),
  );
}

/** Root-first ancestor codes, as stored on the unit. */
const ancestorCodes = (tree: UnitTree, code: string) =>
  tree
    .ancestors(code)
    .map((u) => u.id)
    .reverse();

function toNode(u: UnitRow, depth: number, childCount: number): UnitNode {
  return {
    code: u.code,
    name: u.name,
    kind: u.kind as UnitKind,
    parentCode: u.parentCode ?? null,
    ancestors: [...(u.ancestors ?? [])],
    depth,
    childCount,
    regionCode: u.regionCode,
    profileId: u.profileId ?? 'xinfang-2022',
    active: u.active !== false,
    updatedAt: u.updatedAt ? new Date(u.updatedAt).toISOString() : null,
  };
}

export function unitsService(deps: AdminDeps & { onChange?: () => void }) {
  const Unit = unitModel(deps.conn);
  const Profile = profileModel(deps.conn);
  const loadAll = () => Unit.find().lean<UnitRow[]>();

  async function assertProfileExists(profileId: string) {
    if (BUILTIN_PROFILES.some((p) => p.id === profileId)) return;
    if (await Profile.exists({ profileId })) return;
    throw new BadRequest(`规则档案不存在：${profileId}`);
  }

  function assertParent(rows: readonly UnitRow[], parentCode: string | null) {
    if (parentCode === null) return;
    const parent = rows.find((u) => u.code === parentCode);
    if (!parent) throw new BadRequest(`上级单位不存在：${parentCode}`);
    if (parent.active === false) throw new BadRequest(`上级单位已停用：${parent.name}`);
  }

  async function audit(ctx: AdminContext, action: string, code: string, detail: Record<string, unknown>) {
    await deps.audit.record({
      actor: ctx.actor,
      action,
      targetType: 'unit',
      targetId: code,
      result: 'ok',
      detail,
      requestId: ctx.requestId,
    });
  }

  return {
    /** The whole tree, pre-order (each unit right after its parent), siblings by code. */
    async tree(): Promise<UnitNode[]> {
      const rows = await loadAll();
      const children = new Map<string | null, UnitRow[]>();
      for (const u of rows) {
        const p = u.parentCode ?? null;
        children.set(p, [...(children.get(p) ?? []), u]);
      }
      for (const list of children.values()) list.sort((a, b) => a.code.localeCompare(b.code));
      const out: UnitNode[] = [];
      const walk = (parent: string | null, depth: number) => {
        for (const u of children.get(parent) ?? []) {
          out.push(toNode(u, depth, children.get(u.code)?.length ?? 0));
          walk(u.code, depth + 1);
        }
      };
      walk(null, 0);
      return out;
    },

    /**
     * Creates a unit. Replaying the same request answers with the existing unit (idempotent); the same code
     * with different data is a conflict.
     */
    async create(body: CreateUnitBody, ctx: AdminContext): Promise<{ unit: UnitNode; created: boolean }> {
      const profileId = body.profileId ?? 'xinfang-2022';
      await assertProfileExists(profileId);
      return withLease(deps.conn, TREE_LEASE, async () => {
        const rows = await loadAll();
        const existing = rows.find((u) => u.code === body.code);
        const wanted = {
          code: body.code,
          name: body.name.trim(),
          kind: body.kind,
          parentCode: body.parentCode,
          regionCode: body.regionCode,
          profileId,
          active: body.active ?? true,
        };
        if (existing) {
          if (changedFields(existing as never, wanted).length === 0) {
            const childCount = rows.filter((u) => u.parentCode === existing.code).length;
            return { unit: toNode(existing, existing.ancestors?.length ?? 0, childCount), created: false };
          }
          throw new Conflict(`单位代码已存在：${body.code}`);
        }
        assertParent(rows, body.parentCode);
        const tree = treeOf([...rows, wanted]);
        const ancestors = ancestorCodes(tree, body.code);
        let doc;
        try {
          doc = (await Unit.create({ ...wanted, ancestors })).toObject() as UnitRow;
        } catch (err) {
          if (isDuplicateKey(err)) throw new Conflict(`单位代码已存在：${body.code}`);
          throw err;
        }
        deps.onChange?.();
        await audit(ctx, 'unit.create', body.code, {
          parentCode: body.parentCode,
          kind: body.kind,
          profileId,
        });
        return { unit: toNode(doc, ancestors.length, 0), created: true };
      });
    },

    /**
     * Updates a unit. A parent change is checked against the whole tree (no cycles, the parent exists and is
     * active) and rewrites `ancestors` on the unit and its entire subtree in one ordered bulkWrite of plain
     * $sets computed from the tree: running it again (after a crash half-way, or a retried request) gives
     * the same result.
     */
    async update(code: string, body: UpdateUnitBody, ctx: AdminContext): Promise<UnitNode> {
      if (body.profileId !== undefined) await assertProfileExists(body.profileId);
      const apply = async () => {
        const rows = await loadAll();
        const unit = rows.find((u) => u.code === code);
        if (!unit) throw new NotFound('单位不存在');
        const changed = changedFields(unit as never, body as Record<string, unknown>);
        const $set: Record<string, unknown> = {};
        for (const k of ['name', 'kind', 'regionCode', 'profileId', 'active'] as const) {
          if (body[k] !== undefined)
            $set[k] = typeof body[k] === 'string' ? (body[k] as string).trim() : body[k];
        }
        if (body.active === false && unit.active !== false) {
          const activeChild = rows.find((u) => u.parentCode === code && u.active !== false);
          if (activeChild) throw new BadRequest(`请先停用或移出下级单位（如：${activeChild.name}）`);
        }
        const ops: Parameters<typeof Unit.bulkWrite>[0] = [];
        if (body.parentCode !== undefined) {
          if (body.parentCode === code) throw new BadRequest('不能将单位设为自己的上级');
          if (body.parentCode !== (unit.parentCode ?? null)) assertParent(rows, body.parentCode);
          let tree: UnitTree;
          try {
            tree = treeOf(rows, { code, parentCode: body.parentCode });
          } catch {
            throw new BadRequest('不能将单位移到其自身的下级单位之下（单位层级不能形成循环）');
          }
          $set.parentCode = body.parentCode;
          $set.ancestors = ancestorCodes(tree, code);
          // The unit itself first, then its subtree: each op is a plain $set of values derived from the tree.
          ops.push({ updateOne: { filter: { code }, update: { $set } } });
          for (const u of tree.all()) {
            if (u.id !== code && tree.isAncestor(code, u.id)) {
              ops.push({
                updateOne: {
                  filter: { code: u.id },
                  update: { $set: { ancestors: ancestorCodes(tree, u.id) } },
                },
              });
            }
          }
        } else if (Object.keys($set).length) {
          ops.push({ updateOne: { filter: { code }, update: { $set } } });
        }
        if (ops.length) await Unit.bulkWrite(ops, { ordered: true });
        deps.onChange?.();
        await audit(ctx, 'unit.update', code, {
          fields: changed,
          ...(changed.includes('parentCode') ? { from: unit.parentCode ?? null, to: body.parentCode } : {}),
          subtreeUpdated: Math.max(ops.length - 1, 0),
        });
        const fresh = await Unit.findOne({ code }).lean<UnitRow>();
        const childCount = rows.filter((u) => u.parentCode === code).length;
        return toNode(fresh!, fresh!.ancestors?.length ?? 0, childCount);
      };
      // Only structural changes need the tree to stand still.
      return body.parentCode !== undefined || body.active === false
        ? withLease(deps.conn, TREE_LEASE, apply)
        : apply();
    },
  };
}

export type UnitsService = ReturnType<typeof unitsService>;
