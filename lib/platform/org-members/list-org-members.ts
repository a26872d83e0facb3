import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import type { z } from "zod";
import { listQuery } from "../db.ts";
import { ForbiddenError } from "../errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { ORG_MEMBERS_PAGE_SIZE, orgMemberListQuerySchema } from "./schemas.ts";
import { hasSecondFactorSql } from "../auth/second-factor-sql.ts";
import { orgMemberCountSql } from "../member-counts.ts";
import { orgRoleLabel } from "../authz/role-labels.ts";

export type OrgMemberRow = {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  /** Slug of a built-in or custom org role. */
  role: string;
  /** That role's name, as people read it. */
  roleName: string;
  projectCount: number;
  joinedAt: Date;
  /** A second factor set up (an org that requires one shows who has it). */
  twoFactor: boolean;
  /** Managed by the org's identity provider (SCIM), and whether it deactivated them; null: run here. */
  provisioning: "provisioned" | "deactivated" | null;
};

/** A row of memberPageSql; `joined_at` is a Date from pg, ISO text through json_agg. */
export type MemberRow = {
  membership_id: string;
  user_id: string;
  name: string;
  email: string;
  role: string;
  custom_role_name: string | null;
  project_count: number;
  joined_at: Date | string;
  two_factor: boolean;
  provisioning: "provisioned" | "deactivated" | null;
  total: number;
};

export type OrgMemberListQuery = z.infer<typeof orgMemberListQuerySchema>;

/**
 * One page of the org's members by name, searched by name or email on the server, in one
 * statement with the total. Without a search the page is a range of the membership index in
 * name order (org_memberships.user_name, the user's name copied by triggers): a large org's
 * first page reads 25 memberships instead of sorting every member.
 */
export async function listOrgMembers(access: OrgAccess, rawQuery: unknown) {
  if (!access.can("member:read")) throw new ForbiddenError("member:read");
  const query = orgMemberListQuerySchema.parse(rawQuery ?? {});
  return memberPageOf(access, query, await listQuery(query.q)<MemberRow>(memberPageSql(access, query)));
}

/**
 * The statement of one page of members (rows named as `MemberRow`, each with the total), for
 * listOrgMembers and for the members page, which reads it in one statement with the seats.
 * The caller has checked member:read.
 */
export function memberPageSql(access: OrgAccess, query: OrgMemberListQuery): Prisma.Sql {
  const matches = peopleMatching(query);
  // Each row names its role: the page needs no list of the org's roles to show them.
  const customRoleName = (role: Prisma.Sql) =>
    Prisma.sql`(SELECT cr.name FROM custom_roles cr WHERE cr.scope_key = ${`org:${access.org.id}`} AND cr.slug = ${role}) AS custom_role_name`;
  const page = Prisma.sql`LIMIT ${ORG_MEMBERS_PAGE_SIZE} OFFSET ${(query.page - 1) * ORG_MEMBERS_PAGE_SIZE}`;
  return query.q
    ? // A search is made once and counted from what it found: counted apart, the scan of
      // every name and email (trigrams do not narrow "user 0424") ran twice.
      Prisma.sql`
        WITH matching AS MATERIALIZED (
          SELECT m.id, m.user_id, m.role, m.created_at, m.deactivated_at, u.name, u.email
            FROM org_memberships m JOIN users u ON u.id = m.user_id
           WHERE m.org_id = ${access.org.id}::uuid ${matches})
        SELECT f.id AS membership_id, f.user_id, f.name, f.email, f.role, ${customRoleName(Prisma.sql`f.role`)}, f.created_at AS joined_at,
               (SELECT count(*) FROM project_memberships pm WHERE pm.org_membership_id = f.id)::int AS project_count,
               ${hasSecondFactorSql("f.user_id")} AS two_factor, ${provisioningSql(Prisma.sql`f`)} AS provisioning,
               (SELECT count(*) FROM matching)::int AS total
          FROM matching f
         ORDER BY f.name, f.user_id ${page}`
    : // Without a search the total is the org's memberships (their counters) less its identities.
      Prisma.sql`
        SELECT m.id AS membership_id, u.id AS user_id, u.name, u.email, m.role, ${customRoleName(Prisma.sql`m.role`)}, m.created_at AS joined_at,
               (SELECT count(*) FROM project_memberships pm WHERE pm.org_membership_id = m.id)::int AS project_count,
               ${hasSecondFactorSql("u.id")} AS two_factor, ${provisioningSql(Prisma.sql`m`)} AS provisioning,
               ${totalSql(access, query)}::int AS total
          FROM org_memberships m JOIN users u ON u.id = m.user_id
         WHERE m.org_id = ${access.org.id}::uuid ${matches}
         ORDER BY m.user_name, m.user_id ${page}`;
}

/** The rows of memberPageSql as the page shows them (`joined_at` may come as JSON's ISO text). */
export async function memberPageOf(access: OrgAccess, query: OrgMemberListQuery, rows: MemberRow[]) {
  // A page past the end has no row to carry the total; it is rare enough to ask again.
  const count =
    rows[0]?.total ??
    (query.page > 1 ? (await listQuery(query.q)<{ total: number }>(Prisma.sql`SELECT ${totalSql(access, query)}::int AS total`))[0]!.total : 0);
  const members: OrgMemberRow[] = rows.map((row) => ({
    membershipId: row.membership_id,
    userId: row.user_id,
    name: row.name,
    email: row.email,
    role: row.role,
    roleName: row.custom_role_name ?? orgRoleLabel(row.role),
    projectCount: row.project_count,
    joinedAt: new Date(row.joined_at),
    twoFactor: row.two_factor,
    provisioning: row.provisioning,
  }));
  return { query, rows: members, total: count, pageCount: Math.max(1, Math.ceil(count / ORG_MEMBERS_PAGE_SIZE)), asOf: Date.now() };
}

/** How many members the query finds: people only, as the page lists them. */
function totalSql(access: OrgAccess, query: OrgMemberListQuery): Prisma.Sql {
  if (!query.q) {
    return Prisma.sql`(${orgMemberCountSql(Prisma.sql`${access.org.id}::uuid`)} - (SELECT count(*) FROM machine_identities mi WHERE mi.org_id = ${access.org.id}::uuid))`;
  }
  return Prisma.sql`(SELECT count(*) FROM org_memberships cm JOIN users u ON u.id = cm.user_id WHERE cm.org_id = ${access.org.id}::uuid ${peopleMatching(query)})`;
}

/** People only (machine identities have their own page; they still take seats), by name or email. */
function peopleMatching(query: OrgMemberListQuery): Prisma.Sql {
  if (!query.q) return Prisma.sql`AND u.kind = 'PERSON'`;
  const pattern = `%${query.q.replace(/[\\%_]/g, "\\$&")}%`;
  return Prisma.sql`AND u.kind = 'PERSON' AND (u.name ILIKE ${pattern} OR u.email LIKE ${pattern.toLowerCase()})`;
}

/** Whether the membership (`alias`: its id and deactivated_at) is the identity provider's, and deactivated by it. */
function provisioningSql(alias: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE WHEN ${alias}.deactivated_at IS NOT NULL THEN 'deactivated'
                         WHEN EXISTS (SELECT 1 FROM scim_users su WHERE su.org_membership_id = ${alias}.id) THEN 'provisioned' END`;
}
