import { Prisma } from "../generated/prisma/client.ts";

/**
 * How many memberships the org (`orgId`, an SQL expression) has, people and machine
 * identities alike (each takes a seat), or only those holding `role`: read from the counters
 * the triggers on org_memberships keep in every writing transaction (see
 * prisma/migrations/*_org_member_counts), instead of counting every member of a large org.
 */
export function orgMemberCountSql(orgId: Prisma.Sql, role?: string): Prisma.Sql {
  return Prisma.sql`(SELECT COALESCE(sum(omc.members), 0)::int FROM org_member_counts omc
                      WHERE omc.org_id = ${orgId} ${role === undefined ? Prisma.empty : Prisma.sql`AND omc.role = ${role}`})`;
}
