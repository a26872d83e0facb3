import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";

export type SeatRefusals = { count: number; latest: Array<{ email: string; at: Date }> };

const WINDOW_DAYS = 7;

/**
 * People turned away in the last week because every seat was taken, for the admins who
 * bring people in. Read from the audit events written when a join is refused.
 */
export async function recentSeatRefusals(access: OrgAccess): Promise<SeatRefusals> {
  if (!access.can("member:invite") && !access.can("invite-link:create")) return { count: 0, latest: [] };
  const where = {
    orgId: access.org.id,
    action: "member.join-refused-no-seat",
    createdAt: { gte: new Date(Date.now() - WINDOW_DAYS * 24 * 60 * 60 * 1000) },
  };
  const [count, latest] = await Promise.all([
    db().auditEvent.count({ where }),
    db().auditEvent.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 3, select: { metadata: true, createdAt: true } }),
  ]);
  return {
    count,
    latest: latest.map((event) => {
      const metadata = event.metadata as { email?: unknown };
      return { email: typeof metadata.email === "string" ? metadata.email : "someone", at: event.createdAt };
    }),
  };
}
