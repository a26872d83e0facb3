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
import { confirmTotpEnrolment, startTotpEnrolment } from "../auth/totp.ts";
import { regenerateRecoveryCodes, removePasskey, removeTotp, renamePasskey } from "../auth/two-factor.ts";
import { addPasskey, passkeyRegistrationOptions } from "../auth/passkeys.ts";
import { stepUp } from "../auth/step-up.ts";
import { secondFactorOptions } from "../auth/second-factor-options.ts";
import { addPasskeySchema, passkeyOptionsSchema, passkeyRefSchema, secondFactorProofSchema } from "../auth/two-factor-schemas.ts";

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

/** Confirms the app with a code from it; answers the recovery codes (when it is the first factor), shown once. */
export const confirmTotpEnrolmentAction = defineAction(z.object({ code: z.string().max(40) }), (actor, input) => confirmTotpEnrolment(actor, input));

/** Removes the app, after proving a second factor now. */
export const removeTotpAction = defineAction(secondFactorProofSchema, (actor, input) => removeTotp(actor, input));

/** New recovery codes, after proving a second factor now; the old ones die. */
export const regenerateRecoveryCodesAction = defineAction(secondFactorProofSchema, (actor, input) => regenerateRecoveryCodes(actor, input));

/** Options for the browser to make a passkey, after the account's password. */
export const passkeyRegistrationOptionsAction = defineAction(passkeyOptionsSchema, (actor, input) => passkeyRegistrationOptions(actor, input));

/** Keeps the passkey the browser made, named. */
export const addPasskeyAction = defineAction(addPasskeySchema, (actor, input) => addPasskey(actor, input));

export const renamePasskeyAction = defineAction(passkeyRefSchema.extend({ name: z.string().max(200) }), (actor, input) => renamePasskey(actor, input));

/** Removes a passkey, after proving a second factor now. */
export const removePasskeyAction = defineAction(passkeyRefSchema.and(secondFactorProofSchema), (actor, input) => removePasskey(actor, input));

/** How the actor can prove a second factor now (a passkey challenge among them). */
export const secondFactorOptionsAction = defineAction(z.undefined(), (actor) => secondFactorOptions(actor.userId));

/** Proves the second factor again for this session (step-up). */
export const stepUpAction = defineAction(secondFactorProofSchema, async (actor, input) => stepUp(actor, (await getSessionClaims())?.sessionId ?? null, input));
