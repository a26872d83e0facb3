import "server-only";
import type { Actor } from "../auth/actor.ts";
import { hashPassword, verifyPassword } from "../auth/password.ts";
import { db } from "../db.ts";
import { ValidationError } from "../errors.ts";
import { changePasswordSchema, type ChangePasswordInput } from "./schemas.ts";

/**
 * A new password for a signed-in person who knows the current one. Every other session
 * ends (a new password is often a reaction to a leak); this one goes on.
 */
export async function changePassword(actor: Actor, currentSessionId: string | null, input: ChangePasswordInput): Promise<void> {
  const { currentPassword, newPassword } = changePasswordSchema.parse(input);
  const user = await db().user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, currentPassword))) throw ValidationError.field("currentPassword", "That is not your current password.");
  if (currentPassword === newPassword) throw ValidationError.field("newPassword", "Choose a password you are not using now.");
  const passwordHash = await hashPassword(newPassword);
  await db().$transaction([
    db().user.update({ where: { id: actor.userId }, data: { passwordHash } }),
    db().userSession.deleteMany({ where: { userId: actor.userId, ...(currentSessionId ? { id: { not: currentSessionId } } : {}) } }),
  ]);
}
