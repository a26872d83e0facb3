import "server-only";
import type { ProjectAccess } from "../authz/project-access.ts";
import { db } from "../db.ts";
import { ForbiddenError } from "../errors.ts";

export type ProjectMemberRow = {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  grants: Array<{ role: string; expiresAt: Date | null }>;
};

export const PROJECT_MEMBERS_PAGE_SIZE = 50;

/** The project's members by name, with every grant (expired ones too: the page says so). */
export async function listProjectMembers(
  access: ProjectAccess,
  { q = "", page = 1, kind = "PERSON" }: { q?: string; page?: number; kind?: "PERSON" | "IDENTITY" } = {},
): Promise<{ rows: ProjectMemberRow[]; total: number; asOf: number }> {
  if (!access.can("member:read")) throw new ForbiddenError("member:read");
  const search = q.trim().slice(0, 100);
  // People and machine identities are listed apart.
  const where = {
    projectId: access.project.id,
    ...(search
      ? {
          user: {
            kind,
            OR: [{ name: { contains: search, mode: "insensitive" as const } }, { email: { contains: search.toLowerCase() } }],
          },
        }
      : { user: { kind } }),
  };
  const [memberships, total] = await Promise.all([
    db().projectMembership.findMany({
      where,
      orderBy: [{ user: { name: "asc" } }, { id: "asc" }],
      skip: (Math.max(1, page) - 1) * PROJECT_MEMBERS_PAGE_SIZE,
      take: PROJECT_MEMBERS_PAGE_SIZE,
      select: {
        id: true,
        user: { select: { id: true, name: true, email: true } },
        grants: { select: { role: true, expiresAt: true }, orderBy: { role: "asc" } },
      },
    }),
    db().projectMembership.count({ where }),
  ]);
  return {
    total,
    asOf: Date.now(),
    rows: memberships.map((membership) => ({
      membershipId: membership.id,
      userId: membership.user.id,
      name: membership.user.name,
      email: membership.user.email,
      grants: membership.grants,
    })),
  };
}
