import { BadRequest, Conflict, NotFound } from '../../errors';
import type { AdminCategory, CreateCategoryBody, UpdateCategoryBody } from '../../contracts/admin';
import { categoryModel, type Category } from '../categories/category.model';
import { changedFields, isDuplicateKey, type AdminContext, type AdminDeps } from './admin.shared';

type CategoryRow = Category & { updatedAt?: Date | null };

function toDto(c: CategoryRow): AdminCategory {
  return {
    code: c.code,
    name: c.name,
    parentCode: c.parentCode ?? null,
    hint: c.hint ?? '',
    order: c.order ?? 0,
    active: c.active !== false,
    updatedAt: c.updatedAt ? new Date(c.updatedAt).toISOString() : null,
  };
}

/** Subject areas (事项分类), two levels: area → item. */
export function categoriesService(deps: AdminDeps) {
  const Category = categoryModel(deps.conn);

  async function assertParent(parentCode: string | null, self?: string) {
    if (parentCode === null) return;
    if (parentCode === self) throw new BadRequest('不能将分类设为自己的上级');
    const parent = await Category.findOne({ code: parentCode }).lean();
    if (!parent) throw new BadRequest(`上级分类不存在：${parentCode}`);
    if (parent.parentCode) throw new BadRequest('事项分类只有两级：上级分类必须是一级分类');
    if (parent.active === false) throw new BadRequest(`上级分类已停用：${parent.name}`);
  }

  async function audit(ctx: AdminContext, action: string, code: string, detail: Record<string, unknown>) {
    await deps.audit.record({
      actor: ctx.actor,
      action,
      targetType: 'category',
      targetId: code,
      result: 'ok',
      detail,
      requestId: ctx.requestId,
    });
  }

  return {
    /** First-level areas by order, each followed by its items by order. */
    async list(): Promise<AdminCategory[]> {
      const rows = await Category.find().lean<CategoryRow[]>();
      const byOrder = (a: CategoryRow, b: CategoryRow) =>
        (a.order ?? 0) - (b.order ?? 0) || a.code.localeCompare(b.code);
      const out: AdminCategory[] = [];
      const codes = new Set(rows.map((r) => r.code));
      for (const top of rows.filter((r) => !r.parentCode || !codes.has(r.parentCode)).sort(byOrder)) {
        out.push(toDto(top));
        for (const child of rows.filter((r) => r.parentCode === top.code).sort(byOrder))
          out.push(toDto(child));
      }
      return out;
    },

    /** Replaying the same create answers with the existing category; other data under the same code is 409. */
    async create(
      body: CreateCategoryBody,
      ctx: AdminContext,
    ): Promise<{ category: AdminCategory; created: boolean }> {
      const wanted = {
        code: body.code,
        name: body.name.trim(),
        parentCode: body.parentCode ?? null,
        hint: body.hint ?? '',
        order: body.order ?? 0,
      };
      const existing = await Category.findOne({ code: body.code }).lean<CategoryRow>();
      if (existing) {
        if (changedFields(existing as never, wanted).length === 0)
          return { category: toDto(existing), created: false };
        throw new Conflict(`分类代码已存在：${body.code}`);
      }
      await assertParent(wanted.parentCode);
      let doc: CategoryRow;
      try {
        doc = (await Category.create({ ...wanted, active: true })).toObject() as CategoryRow;
      } catch (err) {
        if (isDuplicateKey(err)) throw new Conflict(`分类代码已存在：${body.code}`);
        throw err;
      }
      await audit(ctx, 'category.create', body.code, { parentCode: wanted.parentCode });
      return { category: toDto(doc), created: true };
    },

    async update(code: string, body: UpdateCategoryBody, ctx: AdminContext): Promise<AdminCategory> {
      const cur = await Category.findOne({ code }).lean<CategoryRow>();
      if (!cur) throw new NotFound('分类不存在');
      if (body.parentCode !== undefined && body.parentCode !== (cur.parentCode ?? null)) {
        await assertParent(body.parentCode, code);
        if (body.parentCode !== null && (await Category.exists({ parentCode: code }))) {
          throw new BadRequest('该分类下有二级分类，不能再设为二级分类（事项分类只有两级）');
        }
      }
      if (body.active === false && cur.active !== false) {
        const child = await Category.findOne({ parentCode: code, active: { $ne: false } }).lean();
        if (child) throw new BadRequest(`请先停用其下级分类（如：${child.name}）`);
      }
      if (body.active === true && cur.parentCode) await assertParent(cur.parentCode, code);
      const $set: Record<string, unknown> = { ...body };
      if (typeof body.name === 'string') $set.name = body.name.trim();
      const changed = changedFields(cur as never, $set);
      await Category.updateOne({ code }, { $set });
      await audit(ctx, body.active === false ? 'category.deactivate' : 'category.update', code, {
        fields: changed,
      });
      return toDto((await Category.findOne({ code }).lean<CategoryRow>())!);
    },
  };
}

export type CategoriesService = ReturnType<typeof categoriesService>;
