import type { FastifyInstance } from 'fastify';
import { unitModel } from '../modules/units/unit.model';
import { userModel } from '../modules/users/user.model';
import { categoryModel } from '../modules/categories/category.model';
import { counterModel } from '../modules/cases/case.model';
import { DEMO_CATEGORIES, DEMO_UNITS, DEMO_USERS } from './demo-data';
import { seedDemoCases } from './demo-cases';

/** The seed's marker in `counters`: seq 0 while the demo is being seeded, 1 once it is complete. */
const MARKER = 'demo-seed';

function ancestorsOf(code: string, parentOf: Map<string, string | null>): string[] {
  const chain: string[] = [];
  for (let p = parentOf.get(code) ?? null; p; p = parentOf.get(p) ?? null) chain.unshift(p);
  return chain;
}

/**
 * Seeds the demo data set into an empty database (DEMO mode): units, users and categories, then the demo
 * cases through the case service (demo-cases.ts). Idempotent: a database that already has units is left
 * alone unless the marker says a seed was interrupted, and then the seed resumes — every insert is keyed by a
 * unique business code and every filing by a fixed idempotency key, so a crash half-way and a rerun cannot
 * duplicate anything. `now`: the instant the demo is seeded at (the cases are dated back from it).
 */
export async function seedIfEmpty(
  app: FastifyInstance,
  opts: { now?: Date } = {},
): Promise<Record<string, number> | undefined> {
  const conn = app.db.conn;
  const Unit = unitModel(conn);
  const User = userModel(conn);
  const Category = categoryModel(conn);
  const Counter = counterModel(conn);
  const marker = await Counter.findById(MARKER).lean();
  // Units without a marker: seeded before the marker existed, or not a demo database.
  if ((await Unit.countDocuments()) > 0 && (!marker || marker.seq >= 1)) return undefined;
  await Counter.updateOne({ _id: MARKER }, { $setOnInsert: { seq: 0 } }, { upsert: true });

  const parentOf = new Map(DEMO_UNITS.map((u) => [u.code, u.parentCode]));
  await Category.bulkWrite(
    DEMO_CATEGORIES.map((c, i) => ({
      updateOne: { filter: { code: c.code }, update: { $setOnInsert: { ...c, order: i } }, upsert: true },
    })),
  );
  await User.bulkWrite(
    DEMO_USERS.map((u) => {
      const phone = u.phone ? { phoneEnc: app.pii.encrypt(u.phone), phoneIndex: app.pii.index(u.phone) } : {};
      const key = u.username ? { username: u.username } : { phoneIndex: app.pii.index(u.phone!) };
      return {
        updateOne: {
          filter: key,
          update: {
            $setOnInsert: {
              ...(u.username ? { username: u.username } : {}),
              displayName: u.displayName,
              roles: u.roles,
              unitCode: u.unitCode,
              demo: true,
              ...phone,
            },
          },
          upsert: true,
        },
      };
    }),
  );
  await Unit.bulkWrite(
    DEMO_UNITS.map((u) => ({
      updateOne: {
        filter: { code: u.code },
        update: { $setOnInsert: { ...u, ancestors: ancestorsOf(u.code, parentOf) } },
        upsert: true,
      },
    })),
  );
  // The unit tree may have been read (and cached) while the database was still empty.
  app.units.invalidate();
  const cases = await seedDemoCases(app, opts.now ?? new Date());
  await Counter.updateOne({ _id: MARKER }, { $set: { seq: 1 } });
  return {
    units: await Unit.countDocuments(),
    users: await User.countDocuments(),
    categories: await Category.countDocuments(),
    cases,
  };
}
