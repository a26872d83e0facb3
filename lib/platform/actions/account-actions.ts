"use server";

import { z } from "zod";
import { deleteAccount } from "../users/delete-account.ts";
import { getSessionClaims } from "../auth/session.ts";
import { changePassword } from "../users/change-password.ts";
import { renameSelf } from "../users/rename-self.ts";
import { changePasswordSchema, deleteAccountSchema, renameSelfSchema } from "../users/schemas.ts";
import { sessionRefSchema } from "../auth/session-schemas.ts";
import { signOutEverywhere, signOutSession } from "../auth/sessions.ts";
import { defineAction } from "./define-action.ts";
import { confirmTotpEnrolment, regenerateRecoveryCodes, removeTotp, startTotpEnrolment } from "../auth/totp.ts";

/** Voids every session of the actor, this one included; the page then signs out locally. */
export const signOutEverywhereAction = defineAction(z.undefined(), (actor) => signOutEverywhere(actor));

/** Deletes the actor's account (password re-checked); the page then signs out locally. */
export const deleteAccountAction = defineAction(deleteAccountSchema, (actor, input) => deleteAccount(actor, input));

/** Ends one of the actor's sessions, on another device or this one. */
export const signOutSessionAction = defineAction(sessionRefSchema, (actor, input) => signOutSession(actor, input));

/** A new password, the current one asked again; the actor's other sessions end. */
export const changePasswordAction = defineAction(changePasswordSchema, async (actor, input) =>
  changePassword(actor, (await getSessionClaims())?.sessionId ?? null, input),
);

/** The actor's own display name. */
export const renameSelfAction = defineAction(renameSelfSchema, (actor, input) => renameSelf(actor, input));

/** Starts setting up an authenticator app: a new key, shown as a QR code and as text. */
export const startTotpEnrolmentAction = defineAction(z.undefined(), (actor) => startTotpEnrolment(actor));

/** Confirms the app with a code from it; answers the recovery codes, shown once. */
export const confirmTotpEnrolmentAction = defineAction(z.object({ code: z.string().max(40) }), (actor, input) => confirmTotpEnrolment(actor, input));

/** Removes the app and the recovery codes, after a current code (or a recovery code). */
export const removeTotpAction = defineAction(z.object({ code: z.string().max(40) }), (actor, input) => removeTotp(actor, input));

/** New recovery codes, after a current code from the app; the old ones die. */
export const regenerateRecoveryCodesAction = defineAction(z.object({ code: z.string().max(40) }), (actor, input) => regenerateRecoveryCodes(actor, input));
