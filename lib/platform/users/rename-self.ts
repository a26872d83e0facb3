import "server-only";
import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { renameSelfSchema } from "./schemas.ts";

/** The name others see in member lists, audit logs and invitations. */
export async function renameSelf(actor: Actor, input: { name: string }): Promise<{ name: string }> {
  const { name } = renameSelfSchema.parse(input);
  await db().user.update({ where: { id: actor.userId }, data: { name } });
  return { name };
}
