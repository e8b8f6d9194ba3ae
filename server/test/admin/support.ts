import { vi } from 'vitest';
import type { App } from '../../src/app';
import { DEMO_CATEGORIES, DEMO_UNITS, DEMO_USERS } from '../../src/seed/demo-data';
import { loginAs } from '../helper';

/**
 * The demo units, staff, residents and categories, without the demo cases (faster than seedIfEmpty and
 * independent of the case rules). Same shapes as the seed writes.
 */
export async function seedDirectory(app: App): Promise<void> {
  const parentOf = new Map(DEMO_UNITS.map((u) => [u.code, u.parentCode]));
  const ancestorsOf = (code: string) => {
    const chain: string[] = [];
    for (let p = parentOf.get(code) ?? null; p; p = parentOf.get(p) ?? null) chain.unshift(p);
    return chain;
  };
  const now = new Date();
  await app.db.conn.collection('units').insertMany(
    DEMO_UNITS.map((u) => ({
      ...u,
      ancestors: ancestorsOf(u.code),
      profileId: 'xinfang-2022',
      active: true,
      createdAt: now,
      updatedAt: now,
    })),
  );
  await app.db.conn.collection('users').insertMany(
    DEMO_USERS.map((u) => ({
      ...(u.username ? { username: u.username } : {}),
      displayName: u.displayName,
      roles: u.roles,
      unitCode: u.unitCode,
      status: 'active',
      demo: true,
      ...(u.phone ? { phoneEnc: app.pii.encrypt(u.phone), phoneIndex: app.pii.index(u.phone) } : {}),
      createdAt: now,
      updatedAt: now,
    })),
  );
  await app.db.conn
    .collection('categories')
    .insertMany(
      DEMO_CATEGORIES.map((c, i) => ({ ...c, order: i, active: true, createdAt: now, updatedAt: now })),
    );
}

export const RESIDENT_PHONE = '13800000001';

/** Bearer headers for the demo people the tests use. */
export async function headersFor(app: App) {
  const [admin, auditor, clerk, leader, resident] = await Promise.all([
    loginAs(app, 'admin'),
    loginAs(app, 'auditor'),
    loginAs(app, 'clerk.jd'),
    loginAs(app, 'leader.city'),
    loginAs(app, { phone: RESIDENT_PHONE }),
  ]);
  return { admin, auditor, clerk, leader, resident };
}

/** Denials are audited after the response is sent: wait until the entry is there. */
export async function waitForAudit(app: App, filter: Record<string, unknown>) {
  return vi.waitFor(
    async () => {
      const e = await app.db.conn.collection('audit_log').findOne(filter);
      if (!e) throw new Error('audit entry not yet written');
      return e;
    },
    { timeout: 5000, interval: 20 },
  );
}
