import "server-only";
import type { Actor } from "./actor.ts";
import { afterResponse } from "../after-response.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { db } from "../db.ts";
import { RefusedError } from "../errors.ts";
import { afterFactorRemoved, newRecoveryCodes } from "./recovery-codes.ts";
import { requireSecondFactorNow } from "./second-factor.ts";
import { notifyTwoFactorChange } from "./two-factor-mail.ts";
import { passkeyNameSchema, passkeyRefSchema, secondFactorProofSchema, type SecondFactorProof } from "./two-factor-schemas.ts";
import { z } from "zod";

/** What the account page shows: each factor, and how many recovery codes are left. */
export type TwoFactorStatus = {
  enabled: boolean;
  totp: boolean;
  passkeys: Array<{ id: string; name: string; createdAt: Date; lastUsedAt: Date | null }>;
  recoveryCodesLeft: number;
};

export async function twoFactorStatus(actor: Actor): Promise<TwoFactorStatus> {
  const [totp, passkeys, recoveryCodesLeft] = await Promise.all([
    db().userTwoFactor.findUnique({ where: { userId: actor.userId }, select: { confirmedAt: true } }),
    db().passkey.findMany({
      where: { userId: actor.userId },
      select: { id: true, name: true, createdAt: true, lastUsedAt: true },
      orderBy: { createdAt: "asc" },
    }),
    db().recoveryCode.count({ where: { userId: actor.userId, usedAt: null } }),
  ]);
  const hasTotp = Boolean(totp?.confirmedAt);
  return { enabled: hasTotp || passkeys.length > 0, totp: hasTotp, passkeys, recoveryCodesLeft };
}

/** Removes the authenticator app. With no factor left, sign-in is password only and the recovery codes go. */
export async function removeTotp(actor: Actor, input: unknown): Promise<void> {
  const proof = secondFactorProofSchema.parse(input);
  await requireSecondFactorNow(actor.userId, proof);
  await db().$transaction(async (tx) => {
    const removed = await tx.userTwoFactor.deleteMany({ where: { userId: actor.userId, confirmedAt: { not: null } } });
    if (removed.count === 0) throw new RefusedError("No authenticator app is set up.");
    await afterFactorRemoved(tx, actor.userId);
    await recordAuditEvent(tx, { orgId: null, actorId: actor.userId, action: "account.two-factor-removed", target: { type: "user", id: actor.userId } });
  });
  await afterResponse(() => notifyTwoFactorChange(actor.userId, "The authenticator app was removed from two-factor sign-in"));
}

/** Removes one passkey, after proving a second factor (which may be that passkey). */
export async function removePasskey(actor: Actor, input: unknown): Promise<void> {
  const { passkeyId, ...proof } = passkeyRefSchema.and(secondFactorProofSchema).parse(input);
  await requireSecondFactorNow(actor.userId, proof as SecondFactorProof);
  const name = await db().$transaction(async (tx) => {
    const passkey = await tx.passkey.findFirst({ where: { id: passkeyId, userId: actor.userId }, select: { name: true } });
    if (!passkey) throw new RefusedError("That passkey is already gone.");
    await tx.passkey.delete({ where: { id: passkeyId } });
    await afterFactorRemoved(tx, actor.userId);
    await recordAuditEvent(tx, {
      orgId: null,
      actorId: actor.userId,
      action: "account.passkey-removed",
      target: { type: "user", id: actor.userId },
      metadata: { name: passkey.name },
    });
    return passkey.name;
  });
  await afterResponse(() => notifyTwoFactorChange(actor.userId, `The passkey “${name}” was removed`));
}

const renamePasskeySchema = passkeyRefSchema.extend({ name: passkeyNameSchema });

/** Renames one of the actor's passkeys (a label only: nothing to prove). */
export async function renamePasskey(actor: Actor, input: z.input<typeof renamePasskeySchema>): Promise<void> {
  const { passkeyId, name } = renamePasskeySchema.parse(input);
  await db().$transaction(async (tx) => {
    const before = await tx.passkey.findFirst({ where: { id: passkeyId, userId: actor.userId }, select: { name: true } });
    if (!before) throw new RefusedError("That passkey is already gone.");
    if (before.name === name) return;
    await tx.passkey.update({ where: { id: passkeyId }, data: { name } });
    await recordAuditEvent(tx, {
      orgId: null,
      actorId: actor.userId,
      action: "account.passkey-renamed",
      target: { type: "user", id: actor.userId },
      metadata: { from: before.name, to: name },
    });
  });
}

/** New recovery codes (the old ones die), after proving a second factor. */
export async function regenerateRecoveryCodes(actor: Actor, input: unknown): Promise<{ recoveryCodes: string[] }> {
  const proof = secondFactorProofSchema.parse(input);
  if (!(await twoFactorStatus(actor)).enabled) throw new RefusedError("Set up two-factor sign-in first.");
  await requireSecondFactorNow(actor.userId, proof);
  const result = await db().$transaction(async (tx) => {
    const recoveryCodes = await newRecoveryCodes(tx, actor.userId);
    await recordAuditEvent(tx, {
      orgId: null,
      actorId: actor.userId,
      action: "account.recovery-codes-regenerated",
      target: { type: "user", id: actor.userId },
    });
    return { recoveryCodes };
  });
  await afterResponse(() => notifyTwoFactorChange(actor.userId, "New recovery codes were made (the old ones no longer work)"));
  return result;
}
