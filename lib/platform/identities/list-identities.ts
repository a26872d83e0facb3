import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError } from "../errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { IDENTITIES_PAGE_SIZE, identityListQuerySchema } from "./schemas.ts";

export type IdentityRow = { identityId: string; name: string; role: string; clientId: string; projectCount: number; createdAt: Date };

/** The org's identities by name, searched on the server, a page at a time. */
export async function listIdentities(access: OrgAccess, rawQuery: unknown) {
  if (!access.can("identity:read")) throw new ForbiddenError("identity:read");
  const query = identityListQuerySchema.parse(rawQuery ?? {});
  const pattern = `%${query.q.replace(/[\\%_]/g, "\\$&")}%`;
  const matches = query.q ? Prisma.sql`AND u.name ILIKE ${pattern}` : Prisma.empty;
  const rows = await db().$queryRaw<
    Array<{ identity_id: string; name: string; role: string; client_id: string; project_count: number; created_at: Date; total: number }>
  >`
    SELECT i.user_id AS identity_id, u.name, m.role, i.client_id, i.created_at,
           (SELECT count(*) FROM project_memberships pm WHERE pm.user_id = i.user_id)::int AS project_count,
           count(*) OVER ()::int AS total
      FROM machine_identities i JOIN users u ON u.id = i.user_id
      JOIN org_memberships m ON m.user_id = i.user_id AND m.org_id = i.org_id
     WHERE i.org_id = ${access.org.id}::uuid ${matches}
     ORDER BY u.name, u.id
     LIMIT ${IDENTITIES_PAGE_SIZE} OFFSET ${(query.page - 1) * IDENTITIES_PAGE_SIZE}`;
  const total = rows[0]?.total ?? 0;
  const identities: IdentityRow[] = rows.map((row) => ({
    identityId: row.identity_id,
    name: row.name,
    role: row.role,
    clientId: row.client_id,
    projectCount: row.project_count,
    createdAt: row.created_at,
  }));
  return { query, rows: identities, total, pageCount: Math.max(1, Math.ceil(total / IDENTITIES_PAGE_SIZE)) };
}
