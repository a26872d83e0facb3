import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError } from "../errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { ORG_MEMBERS_PAGE_SIZE, orgMemberListQuerySchema } from "./schemas.ts";

export type OrgMemberRow = {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  /** Slug of a built-in or custom org role. */
  role: string;
  projectCount: number;
  joinedAt: Date;
};

/** One page of the org's members by name, searched by name or email on the server. */
export async function listOrgMembers(access: OrgAccess, rawQuery: unknown) {
  if (!access.can("member:read")) throw new ForbiddenError("member:read");
  const query = orgMemberListQuerySchema.parse(rawQuery ?? {});
  const where: Prisma.OrgMembershipWhereInput = {
    orgId: access.org.id,
    ...(query.q
      ? {
          user: {
            OR: [
              { name: { contains: query.q, mode: "insensitive" } },
              { email: { contains: query.q.toLowerCase() } },
            ],
          },
        }
      : {}),
  };
  const [memberships, total] = await Promise.all([
    db().orgMembership.findMany({
      relationLoadStrategy: "query",
      where,
      orderBy: [{ user: { name: "asc" } }, { id: "asc" }],
      skip: (query.page - 1) * ORG_MEMBERS_PAGE_SIZE,
      take: ORG_MEMBERS_PAGE_SIZE,
      select: {
        id: true,
        role: true,
        createdAt: true,
        user: { select: { id: true, name: true, email: true } },
        _count: { select: { projectMemberships: true } },
      },
    }),
    db().orgMembership.count({ where }),
  ]);
  const rows: OrgMemberRow[] = memberships.map((membership) => ({
    membershipId: membership.id,
    userId: membership.user.id,
    name: membership.user.name,
    email: membership.user.email,
    role: membership.role,
    projectCount: membership._count.projectMemberships,
    joinedAt: membership.createdAt,
  }));
  return { query, rows, total, pageCount: Math.max(1, Math.ceil(total / ORG_MEMBERS_PAGE_SIZE)), asOf: Date.now() };
}
