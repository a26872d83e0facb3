import "server-only";
import type { ProjectAccess } from "../authz/project-access.ts";
import { plans } from "../billing/plans.ts";
import { listQuery } from "../db.ts";
import { ForbiddenError } from "../errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { projectAdminHoldersSql } from "./project-admins.ts";

type Grant = { role: string; expiresAt: Date | null };

export type ProjectMemberRow = {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  grants: Grant[];
};

/** A group holding roles in the project, shown beside its people. */
type ProjectGroup = { id: string; name: string; slug: string; members: number; grants: Grant[] };

export const PROJECT_MEMBERS_PAGE_SIZE = 50;

/** How many of the org's groups the page reads (by name): those with roles here, and the rest to add. */
const ADDABLE_GROUPS_SHOWN = 500;

export type ProjectMembersPage = {
  /** One page of the project's people by name, searched by name or email, and how many match. */
  people: { rows: ProjectMemberRow[]; total: number };
  /** The project's machine identities (the first page) and how many there are. */
  identities: { rows: ProjectMemberRow[]; total: number };
  /** The actor is the project's only live Admin (however each holds it): Leave says why it cannot. */
  soleAdmin: boolean;
  /**
   * The groups holding roles here and, for whoever may add members, the org's other groups
   * to add; empty when the plan has no groups.
   */
  groups: { enabled: boolean; groups: ProjectGroup[]; addable: Array<{ id: string; name: string }> };
  asOf: number;
};

type JsonGrant = { role: string; expiresAt: string | null };
type JsonMember = { membershipId: string; userId: string; name: string; email: string; grants: JsonGrant[] };
type Row = {
  people: JsonMember[];
  people_total: number;
  identities: JsonMember[];
  identities_total: number;
  sole_admin: boolean;
  groups: Array<{ id: string; name: string; slug: string; members: number; grants: JsonGrant[] | null }>;
};

/**
 * Everything a project's Members page lists, in one statement: its people (a page, searched),
 * its machine identities, its groups and the groups one may add, and whether the actor is its
 * sole Admin. Every grant is listed, expired ones too: the page says so.
 */
export async function listProjectMembers(access: ProjectAccess, { q = "", page = 1 }: { q?: string; page?: number } = {}): Promise<ProjectMembersPage> {
  if (!access.can("member:read")) throw new ForbiddenError("member:read");
  const projectId = Prisma.sql`${access.project.id}::uuid`;
  const search = q.trim().slice(0, 100);
  const pattern = `%${search.replace(/[\\%_]/g, "\\$&")}%`;
  const matches = search ? Prisma.sql`AND (u.name ILIKE ${pattern} OR u.email LIKE ${pattern.toLowerCase()})` : Prisma.empty;
  const members = (kind: "PERSON" | "IDENTITY", filter: Prisma.Sql, offset: number) => Prisma.sql`
    (SELECT COALESCE(json_agg(json_build_object('membershipId', t.id, 'userId', t.user_id, 'name', t.name, 'email', t.email, 'grants', t.grants) ORDER BY t.name, t.id), '[]')
       FROM (SELECT pm.id, u.id AS user_id, u.name, u.email,
                    (SELECT COALESCE(json_agg(json_build_object('role', g.role, 'expiresAt', g.expires_at) ORDER BY g.role), '[]')
                       FROM project_role_grants g WHERE g.project_membership_id = pm.id) AS grants
               FROM project_memberships pm JOIN users u ON u.id = pm.user_id
              WHERE pm.project_id = ${projectId} AND u.kind = ${kind}::"PrincipalKind" ${filter}
              ORDER BY u.name, pm.id LIMIT ${PROJECT_MEMBERS_PAGE_SIZE} OFFSET ${offset}) t)`;
  const count = (kind: "PERSON" | "IDENTITY", filter: Prisma.Sql) => Prisma.sql`
    (SELECT count(*)::int FROM project_memberships pm JOIN users u ON u.id = pm.user_id
      WHERE pm.project_id = ${projectId} AND u.kind = ${kind}::"PrincipalKind" ${filter})`;
  const groupsOn = plans()[access.orgAccess.org.plan].features.groups;
  const holdsHere = Prisma.sql`EXISTS (SELECT 1 FROM group_project_roles r WHERE r.group_id = g.id AND r.project_id = ${projectId})`;
  const groups = groupsOn
    ? Prisma.sql`
    (SELECT COALESCE(json_agg(x ORDER BY x.here DESC, x.name, x.id), '[]') FROM (
       SELECT g.id, g.name, g.slug, ${holdsHere} AS here,
              (SELECT count(*) FROM group_members gm WHERE gm.group_id = g.id)::int AS members,
              (SELECT json_agg(json_build_object('role', r.role, 'expiresAt', r.expires_at) ORDER BY r.role)
                 FROM group_project_roles r WHERE r.group_id = g.id AND r.project_id = ${projectId}) AS grants
         FROM groups g
        WHERE g.org_id = ${access.orgAccess.org.id}::uuid ${access.can("member:add") ? Prisma.empty : Prisma.sql`AND ${holdsHere}`}
        ORDER BY ${holdsHere} DESC, g.name, g.id
        LIMIT ${ADDABLE_GROUPS_SHOWN}) x)`
    : Prisma.sql`'[]'::json`;
  // Only an Admin can be the sole one: nobody else pays for the count.
  const soleAdmin = access.membership?.liveRoles.includes("admin")
    ? Prisma.sql`NOT EXISTS (SELECT 1 FROM ${projectAdminHoldersSql(projectId)} a WHERE a.user_id <> ${access.orgAccess.actor.userId}::uuid)`
    : Prisma.sql`FALSE`;
  const [row] = await listQuery(search)<Row>(Prisma.sql`
    SELECT ${members("PERSON", matches, (Math.max(1, page) - 1) * PROJECT_MEMBERS_PAGE_SIZE)} AS people,
           ${count("PERSON", matches)} AS people_total,
           ${members("IDENTITY", Prisma.empty, 0)} AS identities,
           ${count("IDENTITY", Prisma.empty)} AS identities_total,
           ${soleAdmin} AS sole_admin,
           ${groups} AS groups`);
  const grants = (list: JsonGrant[]) => list.map((grant) => ({ role: grant.role, expiresAt: grant.expiresAt ? new Date(grant.expiresAt) : null }));
  const rows = (list: JsonMember[]) => list.map((member) => ({ ...member, grants: grants(member.grants) }));
  return {
    people: { rows: rows(row!.people), total: row!.people_total },
    identities: { rows: rows(row!.identities), total: row!.identities_total },
    soleAdmin: row!.sole_admin,
    groups: {
      enabled: groupsOn,
      groups: row!.groups.flatMap(({ id, name, slug, members, grants: held }) => (held ? [{ id, name, slug, members, grants: grants(held) }] : [])),
      addable: row!.groups.filter((group) => !group.grants).map(({ id, name }) => ({ id, name })),
    },
    asOf: Date.now(),
  };
}
