import type { Connection } from 'mongoose';
import { BUILTIN_PROFILES, validateProfile, type ProfileRef, type RuleProfile } from '../../domain';
import { BadRequest, Conflict, NotFound } from '../../errors';
import type { ProfileBody, ProfileSummary } from '../../contracts/admin';
import { canonicalJson } from '../audit/audit.service';
import { caseRepository } from '../cases/case.repository';
import { systemScope } from '../cases/case.scope';
import { unitModel } from '../units/unit.model';
import { profileModel, type ProfileDoc } from './admin.model';
import { isDuplicateKey, type AdminContext, type AdminDeps } from './admin.shared';

const keyOf = (id: string, version: number) => `${id}@${version}`;

/** Every profile version the server knows: the builtin ones (read-only) and those admins stored. */
export async function loadProfiles(conn: Connection): Promise<RuleProfile[]> {
  const stored = await profileModel(conn).find().sort({ profileId: 1, version: 1 }).lean<ProfileDoc[]>();
  return [...BUILTIN_PROFILES, ...stored.map((d) => d.profile)];
}

/** One profile version (builtin or stored), e.g. the one a case started under. */
export async function findProfileVersion(
  conn: Connection,
  ref: ProfileRef,
): Promise<RuleProfile | undefined> {
  const builtin = BUILTIN_PROFILES.find((p) => p.id === ref.id && p.version === ref.version);
  if (builtin) return builtin;
  const doc = await profileModel(conn).findById(keyOf(ref.id, ref.version)).lean<ProfileDoc>();
  return doc?.profile;
}

export function profilesService(deps: AdminDeps) {
  const Profile = profileModel(deps.conn);

  async function usage() {
    const [cases, units] = await Promise.all([
      caseRepository(deps.conn).profileUsage(systemScope('profile-usage')),
      unitModel(deps.conn).aggregate<{ _id: string; n: number }>([
        { $group: { _id: '$profileId', n: { $sum: 1 } } },
      ]),
    ]);
    return {
      cases: new Map(cases.map((c) => [keyOf(c._id.id, c._id.v), c.n])),
      units: new Map(units.map((u) => [u._id, u.n])),
    };
  }

  async function summaries(): Promise<{ summary: ProfileSummary; profile: RuleProfile }[]> {
    const stored = await Profile.find().lean<ProfileDoc[]>();
    const all = [
      ...BUILTIN_PROFILES.map((p) => ({ profile: p, doc: null as ProfileDoc | null })),
      ...stored.map((d) => ({ profile: d.profile, doc: d })),
    ];
    const latest = new Map<string, number>();
    for (const { profile } of all)
      latest.set(profile.id, Math.max(latest.get(profile.id) ?? 0, profile.version));
    const used = await usage();
    return all
      .map(({ profile, doc }) => ({
        profile,
        summary: {
          id: profile.id,
          version: profile.version,
          name: profile.name,
          source: profile.source,
          builtin: !doc,
          latest: latest.get(profile.id) === profile.version,
          casesUsing: used.cases.get(keyOf(profile.id, profile.version)) ?? 0,
          unitsBound: used.units.get(profile.id) ?? 0,
          createdAt: doc ? new Date(doc.createdAt).toISOString() : null,
          createdBy: doc?.createdBy ?? null,
        },
      }))
      .sort((a, b) => a.profile.id.localeCompare(b.profile.id) || a.profile.version - b.profile.version);
  }

  return {
    async list(): Promise<ProfileSummary[]> {
      return (await summaries()).map((s) => s.summary);
    },

    async get(id: string, version: number): Promise<{ summary: ProfileSummary; profile: ProfileBody }> {
      const found = (await summaries()).find((s) => s.profile.id === id && s.profile.version === version);
      if (!found) throw new NotFound('规则档案不存在');
      const p = found.profile;
      // The contract carries the sections as plain JSON objects (copies: interfaces have no index signature).
      const profile: ProfileBody = {
        ...p,
        clocks: { ...p.clocks },
        references: { ...p.references },
        stages: { ...p.stages },
        settings: { ...p.settings },
      };
      return { summary: found.summary, profile };
    },

    /**
     * Stores a new profile version after the domain's `validateProfile`. Versions are never edited — a version
     * may already govern cases (a case keeps the profile it started under) — so a change is always the next
     * version number. Replaying the same version with the same content is answered as done (idempotent).
     */
    async create(
      body: ProfileBody,
      ctx: AdminContext,
    ): Promise<{ summary: ProfileSummary; created: boolean }> {
      const v = validateProfile(body);
      if (!v.ok) throw new BadRequest(`规则档案不符合要求：${v.errors.join('；')}`, { errors: v.errors });
      const profile = v.profile;
      const same = (p: RuleProfile | undefined) => !!p && canonicalJson(p) === canonicalJson(profile);
      const summaryOf = async () =>
        (await summaries()).find((s) => s.profile.id === profile.id && s.profile.version === profile.version)!
          .summary;

      const existing = await findProfileVersion(deps.conn, profile);
      if (existing) {
        if (same(existing)) return { summary: await summaryOf(), created: false };
        throw new Conflict(
          `规则档案 ${profile.id} 第 ${profile.version} 版已存在且不可修改，请以新版本号提交`,
        );
      }
      const versions = [
        ...BUILTIN_PROFILES.filter((p) => p.id === profile.id).map((p) => p.version),
        ...(await Profile.find({ profileId: profile.id }, { version: 1 }).lean()).map((d) => d.version),
      ];
      const latest = versions.length ? Math.max(...versions) : 0;
      if (versions.includes(profile.version)) {
        // Stored by someone else between our two reads.
        if (same(await findProfileVersion(deps.conn, profile)))
          return { summary: await summaryOf(), created: false };
        throw new Conflict(
          `规则档案 ${profile.id} 第 ${profile.version} 版已由他人创建，请刷新后以新版本号提交`,
        );
      }
      if (profile.version !== latest + 1) {
        throw new BadRequest(
          latest === 0
            ? `新规则档案的版本号应为 1`
            : `版本号应为 ${latest + 1}（${profile.id} 当前最新为第 ${latest} 版）`,
        );
      }
      try {
        await Profile.create({
          _id: keyOf(profile.id, profile.version),
          profileId: profile.id,
          version: profile.version,
          profile,
          createdBy: ctx.actor.userId,
          createdAt: new Date(),
        });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        // Someone stored this version meanwhile: fine if it is the same content.
        if (same(await findProfileVersion(deps.conn, profile)))
          return { summary: await summaryOf(), created: false };
        throw new Conflict(
          `规则档案 ${profile.id} 第 ${profile.version} 版已由他人创建，请刷新后以新版本号提交`,
        );
      }
      await deps.audit.record({
        actor: ctx.actor,
        action: 'profile.create',
        targetType: 'profile',
        targetId: keyOf(profile.id, profile.version),
        result: 'ok',
        detail: { profileId: profile.id, version: profile.version, previous: latest || null },
        requestId: ctx.requestId,
      });
      return { summary: await summaryOf(), created: true };
    },
  };
}

export type ProfilesService = ReturnType<typeof profilesService>;
