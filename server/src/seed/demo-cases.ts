/**
 * The demo cases, played through the case service as the demo accounts would act — the resident files on the
 * app (or the grid worker for them, or the clerk registers a letter, a visit, a call), the clerk registers and
 * transfers, handlers accept and draft, unit heads sign — each step at its back-dated instant (the services'
 * clock). So every case has what a live one has: its timeline and deadlines from the domain, its 文书 issued
 * and numbered, its notifications (the outbox, drained as the job would), its audit trail, its 初信初访 and
 * 重复信访 flags from the filing check.
 *
 * Resumable: a filing's idempotency key is fixed per scenario (the service returns the case already filed),
 * and the steps a case's timeline already holds are not played again.
 */
import type { FastifyInstance } from 'fastify';
import { chinaDate, UnitTree, type Action } from '../domain';
import { drainOutbox } from '../jobs/outbox-drain';
import type { Actor as SessionActor } from '../modules/auth/session.service';
import { caseService } from '../modules/cases/case.service';
import { systemScope } from '../modules/cases/case.scope';
import { documentService } from '../modules/documents/document.service';
import { userModel } from '../modules/users/user.model';
import { DEMO_UNITS, DEMO_USERS } from './demo-data';
import {
  HANDLER_OF,
  HEAD_OF,
  type Person,
  type Resident,
  type Scenario,
  SCENARIOS,
  type Who,
} from './demo-scenarios';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const RESIDENT_PHONES: Record<Resident, string> = {
  resident1: '13800000001',
  resident2: '13800000002',
  resident3: '13800000003',
  resident4: '13800000004',
};

export function demoUnitTree(): UnitTree {
  return new UnitTree(
    DEMO_UNITS.map((u) => ({
      id: u.code,
      name: u.name,
      parentId: u.parentCode,
      kind: u.kind,
      regionCode: u.regionCode,
    })),
  );
}

/** One thing that happens to a scenario's case: its opening (step -1) or one of its steps. */
interface Happening {
  at: Date;
  scenario: number;
  step: number;
}

/** When each scenario's case is filed and each step taken: office hours of back-dated days, never after now. */
function timeline(now: Date): Happening[] {
  const out: Happening[] = [];
  for (const [i, s] of SCENARIOS.entries()) {
    const filedAt = now.getTime() - s.age * DAY - (i % 7) * HOUR;
    out.push({ at: new Date(filedAt), scenario: i, step: -1 });
    for (const [k, step] of s.steps.entries()) {
      // an hour after filing time on its day; steps of one day ten minutes apart, in their order
      const at = filedAt + step.day * DAY + HOUR + k * 600_000;
      out.push({ at: new Date(Math.min(at, now.getTime())), scenario: i, step: k });
    }
  }
  // Played in time order across cases, so case numbers, 文号 and the audit trail follow the calendar.
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || a.scenario - b.scenario || a.step - b.step);
}

/** The idempotency key of a scenario's filing (FileCaseBody: 16–64 letters, digits and dashes). */
const filingKey = (i: number) => `demo-seed-case-${String(i).padStart(2, '0')}`;

export async function seedDemoCases(app: FastifyInstance, now: Date): Promise<number> {
  let clock = now;
  const cases = caseService({ app, units: app.units, calendar: app.workCalendar.get, now: () => clock });
  const documents = documentService(app, { now: () => clock });
  cases.onApplied((doc, d, actor) => documents.issueForDecision(doc, d, actor));

  const User = userModel(app.db.conn);
  const staff = new Map(
    (await User.find({ username: { $exists: true } }, { username: 1, roles: 1, unitCode: 1 }).lean()).map(
      (u) => [u.username!, u],
    ),
  );
  const actors = new Map<string, SessionActor>();
  async function actorOf(who: Person): Promise<SessionActor> {
    const known = actors.get(who);
    if (known) return known;
    let actor: SessionActor;
    if (who in RESIDENT_PHONES) {
      const phone = RESIDENT_PHONES[who as Resident];
      const u = await User.findOne({ phoneIndex: app.pii.index(phone) }, { _id: 1 }).lean();
      if (!u) throw new Error(`demo ${who} missing`);
      actor = {
        userId: String(u._id),
        roles: ['resident'],
        unitCode: null,
        sessionId: 'demo-seed',
        kind: 'resident',
      };
    } else {
      const u = staff.get(who);
      if (!u) throw new Error(`demo user ${who} missing`);
      actor = {
        userId: String(u._id),
        roles: u.roles as SessionActor['roles'],
        unitCode: u.unitCode ?? null,
        sessionId: 'demo-seed',
        kind: 'staff',
      };
    }
    actors.set(who, actor);
    return actor;
  }
  const stepActor = (s: Scenario, who: Who) =>
    actorOf(
      (who === 'handler'
        ? HANDLER_OF[s.matter.handling]
        : who === 'head'
          ? HEAD_OF[s.matter.handling]
          : who)!,
    );

  const open = new Map<number, { id: string; version: number; applied: number }>();
  for (const h of timeline(now)) {
    clock = h.at;
    const s = SCENARIOS[h.scenario]!;
    const m = s.matter;
    if (h.step < 0) {
      const petitioner = DEMO_USERS.find((u) => u.phone === RESIDENT_PHONES[s.petitioner])!;
      const content = {
        title: m.title,
        request: m.request,
        facts: m.facts,
        reasons: m.reasons,
        subjectCode: m.subjectCode,
        location: { address: m.address },
      };
      const filed =
        s.channel === 'online'
          ? await cases.file(await actorOf(s.petitioner), {
              idempotencyKey: filingKey(h.scenario),
              targetUnitId: 'jd-xfj',
              proposedCategory: m.category,
              ...content,
            })
          : s.channel === 'grid'
            ? await cases.file(await actorOf('grid.jd.st1'), {
                idempotencyKey: filingKey(h.scenario),
                targetUnitId: 'jd-xfj',
                proposedCategory: m.category,
                onBehalfOf: { name: petitioner.displayName, phone: petitioner.phone!, consentRecorded: true },
                ...content,
              })
            : await cases.register(await actorOf('clerk.jd'), {
                idempotencyKey: filingKey(h.scenario),
                channel: s.channel,
                // a letter arrived the day before it was registered; a visit or a call is registered as it comes
                ...(s.channel === 'letter'
                  ? { receivedAt: new Date(h.at.getTime() - 20 * HOUR).toISOString() }
                  : {}),
                petitioner: { name: petitioner.displayName, phone: petitioner.phone! },
                classification: { category: m.category },
                ...content,
              });
      const id = filed.case.id;
      // A rerun after a crash: the case exists already, with the steps its timeline holds.
      const stored = filed.replayed ? await cases.repo.read(systemScope('demo-seed'), id) : null;
      open.set(h.scenario, {
        id,
        version: stored?.ok ? stored.case.doc.version : filed.case.version,
        applied: stored?.ok ? stored.case.doc.events.length - 1 : 0,
      });
      continue;
    }
    const c = open.get(h.scenario)!;
    if (h.step < c.applied) continue;
    const step = s.steps[h.step]!;
    let action: Action = step.action;
    if (action.type === 'supervise' && !action.internalDue) {
      action = { ...action, internalDue: chinaDate(new Date(h.at.getTime() + 5 * DAY)) };
    }
    const r = await cases.act(await stepActor(s, step.who), c.id, c.version, action).catch((err: Error) => {
      throw new Error(`demo case ${h.scenario} (${m.title}) step ${action.type}: ${err.message}`, {
        cause: err,
      });
    });
    c.version = r.version;
    c.applied = h.step + 1;
  }
  // What the outbox job does seconds after each step in the running system: the notifications.
  while ((await drainOutbox(app.db.conn, now)).cases > 0);
  return open.size;
}
