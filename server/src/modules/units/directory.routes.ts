import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CategoryListSchema, UnitListSchema } from '../../contracts/directory';
import { ErrorSchema } from '../../contracts/common';
import { categoryModel } from '../categories/category.model';
import { accusationIntake } from '../../domain';

/**
 * Public directory reads the filing form needs: which units a petition can be addressed to, and the subject
 * areas. Public on purpose (no personal data; residents browse before logging in).
 */
export const directoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const Category = categoryModel(app.db.conn);

  app.get(
    '/api/units',
    {
      schema: {
        tags: ['directory'],
        summary: '可以反映问题的单位（机关、单位层级树）',
        response: { 200: UnitListSchema, 500: ErrorSchema },
      },
    },
    async () => {
      const tree = await app.units.tree();
      return {
        items: tree.all().map((u) => ({
          id: u.id,
          name: u.name,
          kind: u.kind,
          parentId: u.parentId,
          regionCode: u.regionCode ?? '',
          accusationIntake: ((r) => (r.ok ? r.unitId : null))(accusationIntake({ unitId: u.id }, tree)),
        })),
      };
    },
  );

  app.get(
    '/api/categories',
    {
      schema: {
        tags: ['directory'],
        summary: '事项分类（两级）',
        response: { 200: CategoryListSchema, 500: ErrorSchema },
      },
    },
    async () => {
      const rows = await Category.find({ active: true }).sort({ order: 1 }).lean();
      return {
        items: rows.map((c) => ({
          code: c.code,
          name: c.name,
          parentCode: c.parentCode ?? null,
          hint: c.hint ?? '',
        })),
      };
    },
  );
};
