import "server-only";
import { cache } from "react";
import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import type { Plan } from "../../generated/prisma/enums.ts";

export type OrgSummary = { id: string; name: string; slug: string; plan: Plan };

/** The orgs the actor belongs to, by name: what the org switcher lists. */
export const listMyOrgs = cache(async (actor: Actor): Promise<OrgSummary[]> => {
  const memberships = await db().orgMembership.findMany({
    where: { userId: actor.userId },
    select: { org: { select: { id: true, name: true, slug: true, plan: true } } },
    orderBy: { org: { name: "asc" } },
  });
  return memberships.map((membership) => membership.org);
});
