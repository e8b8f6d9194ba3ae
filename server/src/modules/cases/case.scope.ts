import type { Actor as DomainActor, UnitTree } from '../../domain';
import type { Actor as SessionActor } from '../auth/session.service';

/**
 * Scopes: every read and every write of case data names one (case.repository.ts), so no query can forget
 * whose view it serves (the novu pattern, DOMAIN.md §5).
 *
 * - A person's scope carries the domain actor and the unit tree: the repository narrows its queries by the
 *   person's reach and hands out only what the domain's judge (`visibility`) lets that person learn of.
 * - A system scope names the job that reads or writes without a person (the deadline sweeper, the outbox
 *   drain, …). It sees every case; it exists so that such access is explicit and can be found by its name.
 */

/** What a person's lists may ever contain (before the judge looks at each case). */
export type Reach =
  /** A resident: their own cases. */
  | { kind: 'petitioner' }
  /** A grid worker: the cases they filed (代办). */
  | { kind: 'filer' }
  /** Unit staff and leaders: cases at, first received by or having passed through these units. */
  | { kind: 'units'; units: string[] }
  /** The auditor. */
  | { kind: 'all' }
  /** Anyone else (an admin): lists nothing; a read by id still asks the judge (and is refused). */
  | { kind: 'none' };

export interface PersonScope {
  kind: 'person';
  actor: DomainActor;
  tree: UnitTree;
  reach: Reach;
}

/** The jobs that read or write cases without a person. */
export type SystemJob =
  | 'deadline-sweeper'
  | 'outbox-drain'
  | 'calendar-refresh'
  | 'dashboard-facts'
  | 'profile-usage'
  | 'demo-seed'
  /** Records (audits) a filing's match with a case its filer may not see: never answered to the filer. */
  | 'hidden-match-audit'
  /** Reads the case a just-stored decision belongs to, for the after-apply listeners (documents). */
  | 'after-apply';

export interface SystemScope<J extends SystemJob = SystemJob> {
  kind: 'system';
  job: J;
}

export type CaseScope = PersonScope | SystemScope;

export const systemScope = <J extends SystemJob>(job: J): SystemScope<J> => ({ kind: 'system', job });

/** The session's actor in the domain's terms: unit codes are unit ids; a resident is their own petitioner. */
export function toDomainActor(a: SessionActor): DomainActor {
  return {
    userId: a.userId,
    roles: a.roles,
    ...(a.unitCode ? { unitId: a.unitCode } : {}),
    ...(a.kind === 'resident' ? { petitionerId: a.userId } : {}),
  };
}

/** The reach of a person's lists, from their roles and unit. */
function reachOf(actor: SessionActor, tree: UnitTree): Reach {
  if (actor.kind === 'resident') return { kind: 'petitioner' };
  const unit = actor.unitCode;
  if (actor.roles.includes('auditor')) return { kind: 'all' };
  if (actor.roles.includes('leader') && unit) {
    return {
      kind: 'units',
      units: tree
        .all()
        .filter((u) => tree.isSameOrUnder(u.id, unit))
        .map((u) => u.id),
    };
  }
  if (unit && actor.roles.some((r) => r === 'clerk' || r === 'handler' || r === 'unit_head')) {
    return { kind: 'units', units: [unit] };
  }
  if (actor.roles.includes('grid_worker')) return { kind: 'filer' };
  return { kind: 'none' };
}

/** The scope of a signed-in person. */
export function personScope(actor: SessionActor, tree: UnitTree): PersonScope {
  return { kind: 'person', actor: toDomainActor(actor), tree, reach: reachOf(actor, tree) };
}
