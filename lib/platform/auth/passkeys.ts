import "server-only";
// @simplewebauthn/server reads certificates with @peculiar/x509, whose container needs this first.
import "reflect-metadata";
import { headers } from "next/headers";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type { Actor } from "./actor.ts";
import { afterResponse } from "../after-response.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { db, type Tx } from "../db.ts";
import { env } from "../env.ts";
import { RefusedError, ValidationError } from "../errors.ts";
import { verifyPassword } from "./password.ts";
import { firstFactorRecoveryCodes } from "./recovery-codes.ts";
import { notifyTwoFactorChange } from "./two-factor-mail.ts";
import { addPasskeySchema, passkeyOptionsSchema, type AddPasskeyInput, type PasskeyOptionsInput } from "./two-factor-schemas.ts";

/** Enough for a person's phone, laptop and two security keys, with room to spare. */
const MAX_PASSKEYS = 10;
const CHALLENGE_MINUTES = 5;

type RelyingParty = { rpId: string; origin: string };

/**
 * Whom the browser is talking to: the configured public URL, else the page's own origin
 * (server actions have already refused requests whose Origin is not this host). The pair is
 * kept with the challenge, so the answer is checked against what the question was asked for.
 */
async function relyingParty(): Promise<RelyingParty> {
  const configured = env().NEXTAUTH_URL;
  const origin = configured ? new URL(configured).origin : (await headers()).get("origin");
  if (!origin) throw new RefusedError("Passkeys need the page's origin; reload the page and try again.");
  return { rpId: new URL(origin).hostname, origin };
}

async function storeChallenge(userId: string, purpose: "register" | "verify", challenge: string, party: RelyingParty): Promise<void> {
  await db().$transaction([
    db().passkeyChallenge.deleteMany({ where: { userId, expiresAt: { lt: new Date() } } }),
    db().passkeyChallenge.create({
      data: { challenge, userId, purpose, rpId: party.rpId, origin: party.origin, expiresAt: new Date(Date.now() + CHALLENGE_MINUTES * 60_000) },
    }),
  ]);
}

/** The challenge an answer signed, read from its client data (checked again by the verifier). */
function challengeOf(clientDataJSON: unknown): string | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(String(clientDataJSON), "base64url").toString("utf8"));
    return typeof parsed === "object" && parsed !== null && "challenge" in parsed && typeof parsed.challenge === "string" ? parsed.challenge : null;
  } catch {
    return null;
  }
}

/** Takes the challenge out of circulation (single use, across instances) and answers what it was made for. */
async function consumeChallenge(client: Pick<Tx, "$queryRaw">, userId: string, purpose: "register" | "verify", challenge: string | null) {
  if (!challenge) return null;
  const [row] = await client.$queryRaw<Array<{ rp_id: string; origin: string }>>`
    DELETE FROM passkey_challenges
     WHERE challenge = ${challenge} AND user_id = ${userId}::uuid AND purpose = ${purpose} AND expires_at > now()
    RETURNING rp_id, origin`;
  return row ? { rpId: row.rp_id, origin: row.origin } : null;
}

/**
 * Options for the browser to make a new passkey, after the account's password: a session left
 * open is not enough to add a way in. The passkeys already there are excluded.
 */
export async function passkeyRegistrationOptions(actor: Actor, input: PasskeyOptionsInput): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { password } = passkeyOptionsSchema.parse(input);
  const user = await db().user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { passwordHash: true, passkeys: { select: { id: true, transports: true } } },
  });
  if (!(await verifyPassword(user.passwordHash, password))) throw ValidationError.field("password", "That is not your password.");
  if (user.passkeys.length >= MAX_PASSKEYS) throw new RefusedError(`You have ${MAX_PASSKEYS} passkeys, the most an account may have. Remove one first.`);
  const party = await relyingParty();
  const options = await generateRegistrationOptions({
    rpName: "Tessera",
    rpID: party.rpId,
    userName: actor.email,
    userDisplayName: actor.name,
    userID: new TextEncoder().encode(actor.userId),
    attestationType: "none",
    excludeCredentials: user.passkeys.map((passkey) => ({ id: passkey.id, transports: passkey.transports })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await storeChallenge(actor.userId, "register", options.challenge, party);
  return options;
}

/**
 * Keeps the passkey the browser made, under the name given. The first second factor of the
 * account also makes its recovery codes, returned to show once.
 */
export async function addPasskey(actor: Actor, input: AddPasskeyInput): Promise<{ recoveryCodes: string[] | null }> {
  const { name, response } = addPasskeySchema.parse(input);
  let parsed: RegistrationResponseJSON;
  try {
    parsed = JSON.parse(response) as RegistrationResponseJSON;
  } catch {
    throw new RefusedError("The browser's answer could not be read. Try again.");
  }
  const party = await consumeChallenge(db(), actor.userId, "register", challengeOf(parsed.response?.clientDataJSON));
  if (!party) throw new RefusedError("Adding this passkey took too long or was already answered. Try again.");
  const verification = await verifyRegistrationResponse({
    response: parsed,
    expectedChallenge: (challenge) => challenge === challengeOf(parsed.response.clientDataJSON),
    expectedOrigin: party.origin,
    expectedRPID: party.rpId,
    requireUserVerification: false,
  }).catch(() => null);
  if (!verification?.verified) throw new RefusedError("The passkey could not be verified. Try again.");
  const { credential } = verification.registrationInfo;
  const result = await db().$transaction(async (tx) => {
    const recoveryCodes = await firstFactorRecoveryCodes(tx, actor.userId);
    await tx.passkey.create({
      data: {
        id: credential.id,
        userId: actor.userId,
        name,
        publicKey: new Uint8Array(credential.publicKey),
        counter: BigInt(credential.counter),
        transports: credential.transports ?? [],
      },
    });
    await recordAuditEvent(tx, {
      orgId: null,
      actorId: actor.userId,
      action: "account.passkey-added",
      target: { type: "user", id: actor.userId },
      metadata: { name },
    });
    return { recoveryCodes };
  });
  await afterResponse(() => notifyTwoFactorChange(actor.userId, `A passkey named “${name}” was added for two-factor sign-in`));
  return result;
}

/** A challenge for one of the person's passkeys to sign (sign-in or step-up); null without any. */
export async function passkeyVerifyOptions(userId: string): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const passkeys = await db().passkey.findMany({ where: { userId }, select: { id: true, transports: true } });
  if (passkeys.length === 0) return null;
  const party = await relyingParty();
  const options = await generateAuthenticationOptions({
    rpID: party.rpId,
    allowCredentials: passkeys.map((passkey) => ({ id: passkey.id, transports: passkey.transports })),
    userVerification: "preferred",
  });
  await storeChallenge(userId, "verify", options.challenge, party);
  return options;
}

/**
 * Whether `response` is one of the user's passkeys signing a challenge handed to them, once.
 * The passkey's row is locked, and its counter must move forward (when the authenticator
 * keeps one): a lower one means a copied key.
 */
export async function acceptPasskey(tx: Tx, userId: string, response: string): Promise<boolean> {
  let parsed: AuthenticationResponseJSON;
  try {
    parsed = JSON.parse(response) as AuthenticationResponseJSON;
  } catch {
    return false;
  }
  if (typeof parsed?.id !== "string") return false;
  const party = await consumeChallenge(tx, userId, "verify", challengeOf(parsed.response?.clientDataJSON));
  if (!party) return false;
  const [passkey] = await tx.$queryRaw<Array<{ id: string; public_key: Uint8Array; counter: bigint; transports: string[] }>>`
    SELECT id, public_key, counter, transports FROM passkeys WHERE id = ${parsed.id} AND user_id = ${userId}::uuid FOR UPDATE`;
  if (!passkey) return false;
  const verification = await verifyAuthenticationResponse({
    response: parsed,
    expectedChallenge: (challenge) => challenge === challengeOf(parsed.response.clientDataJSON),
    expectedOrigin: party.origin,
    expectedRPID: party.rpId,
    credential: { id: passkey.id, publicKey: new Uint8Array(passkey.public_key), counter: Number(passkey.counter), transports: passkey.transports },
    requireUserVerification: false,
  }).catch(() => null);
  if (!verification?.verified) return false;
  await tx.passkey.update({
    where: { id: passkey.id },
    data: { counter: BigInt(verification.authenticationInfo.newCounter), lastUsedAt: new Date() },
  });
  return true;
}
