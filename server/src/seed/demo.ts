import type { Connection } from 'mongoose';
import type { FastifyBaseLogger } from 'fastify';
import type { PiiCipher } from '../lib/pii';
import { unitModel } from '../modules/units/unit.model';
import { userModel } from '../modules/users/user.model';
import { categoryModel } from '../modules/categories/category.model';
import { DEMO_CATEGORIES, DEMO_UNITS, DEMO_USERS } from './demo-data';
import { seedDemoCases } from './demo-cases';

export interface SeedDeps {
  conn: Connection;
  pii: PiiCipher;
  log: FastifyBaseLogger;
  now?: Date;
}

function ancestorsOf(code: string, parentOf: Map<string, string | null>): string[] {
  const chain: string[] = [];
  for (let p = parentOf.get(code) ?? null; p; p = parentOf.get(p) ?? null) chain.unshift(p);
  return chain;
}

/**
 * Seeds the demo data set into an empty database (DEMO mode). Idempotent: a database that already has
 * units is left alone, and every insert is keyed by a unique business code, so a crash half-way and a
 * rerun cannot duplicate anything.
 */
export async function seedIfEmpty(deps: SeedDeps): Promise<Record<string, number> | undefined> {
  const Unit = unitModel(deps.conn);
  const User = userModel(deps.conn);
  const Category = categoryModel(deps.conn);
  if ((await Unit.countDocuments()) > 0) return undefined;

  const parentOf = new Map(DEMO_UNITS.map((u) => [u.code, u.parentCode]));
  await Category.bulkWrite(
    DEMO_CATEGORIES.map((c, i) => ({
      updateOne: { filter: { code: c.code }, update: { $setOnInsert: { ...c, order: i } }, upsert: true },
    })),
  );
  await User.bulkWrite(
    DEMO_USERS.map((u) => {
      const phone = u.phone
        ? { phoneEnc: deps.pii.encrypt(u.phone), phoneIndex: deps.pii.index(u.phone) }
        : {};
      const key = u.username ? { username: u.username } : { phoneIndex: deps.pii.index(u.phone!) };
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
  const cases = await seedDemoCases(deps);
  // Units last: their presence marks the seed as complete.
  await Unit.bulkWrite(
    DEMO_UNITS.map((u) => ({
      updateOne: {
        filter: { code: u.code },
        update: { $setOnInsert: { ...u, ancestors: ancestorsOf(u.code, parentOf) } },
        upsert: true,
      },
    })),
  );
  return {
    units: await Unit.countDocuments(),
    users: await User.countDocuments(),
    categories: await Category.countDocuments(),
    cases,
  };
}
