import "server-only";
import type { Actor } from "../authz/actor.ts";
import { db } from "../db.ts";

/** Every session token carries the version it was issued with; bumping it voids them all. */
export async function signOutEverywhere(actor: Actor): Promise<void> {
  await db().user.update({
    where: { id: actor.userId },
    data: { sessionVersion: { increment: 1 } },
  });
}
