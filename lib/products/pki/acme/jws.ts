import "server-only";
import { calculateJwkThumbprint, flattenedVerify, importJWK, type JWK } from "jose";
import { db } from "../../../platform/db.ts";
import { eabAuthorityHolds, type AcmeContext } from "./context.ts";
import { consumeNonce } from "./nonces.ts";
import { AcmeProblem } from "./problems.ts";

/** Signature algorithms accepted from ACME clients: asymmetric only (RFC 8555 section 6.2). */
export const ACCOUNT_KEY_ALGORITHMS = ["ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "EdDSA"];

/** A flattened JWS as ACME sends it: every part present, no unprotected header. */
export type Jws = { protected: string; payload: string; signature: string };

/** An account as a request signed by it loads it, with the name of the EAB key it registered with (for audit). */
export type AcmeAccountRow = { id: string; eabKeyId: string; eabKeyName: string; keyThumbprint: string; jwk: JWK; status: string; contact: string[] };

export type SignedRequest = {
  /** null for POST-as-GET (an empty payload). */
  payload: Record<string, unknown> | null;
  /** Present when the request was signed with the key in its header (`jwk`). */
  jwk: JWK | null;
  /** Present when it named an account (`kid`): valid, and still backed by its EAB key. */
  account: AcmeAccountRow | null;
  /** The flattened JWS as sent (key change and EAB carry one inside). */
  raw: Jws;
};

const malformed = (detail: string) => new AcmeProblem("malformed", detail);

function decodeJson(segment: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Answered below, as for any other shape.
  }
  throw malformed(`The ${what} is not a base64url JSON object.`);
}

/** A flattened JWS object (RFC 7515 section 7.2.2), as ACME requires. */
export function flattenedJws(value: unknown): Jws {
  const jws = value as Partial<Record<string, unknown>> | null;
  if (!jws || typeof jws.protected !== "string" || typeof jws.payload !== "string" || typeof jws.signature !== "string" || "header" in jws) {
    throw malformed("The request must be a flattened JWS with protected, payload and signature (and no unprotected header).");
  }
  return { protected: jws.protected, payload: jws.payload, signature: jws.signature };
}

/** Verifies a JWS against a public JWK; anything wrong with the key or signature is refused. */
export async function verifyWithJwk(jws: Jws, jwk: JWK, alg: string): Promise<void> {
  let key: Awaited<ReturnType<typeof importJWK>>;
  try {
    if (jwk.d || jwk.k) throw new Error("private");
    key = await importJWK(jwk, alg);
  } catch {
    throw new AcmeProblem("badPublicKey", `The key is not a public ${alg} key.`);
  }
  try {
    await flattenedVerify(jws, key, { algorithms: [alg] });
  } catch {
    throw malformed("The JWS signature does not verify.");
  }
}

export const thumbprintOf = (jwk: JWK) => calculateJwkThumbprint(jwk, "sha256");

/**
 * Checks an ACME request (RFC 8555 section 6.2–6.5): a flattened JWS with an accepted
 * algorithm, a nonce this server handed out and nobody used (any instance's), the exact
 * URL it was posted to, and either the key itself (`jwk`, when `keyFrom` allows) or an
 * account of this profile (`kid`) that is valid and whose EAB key still stands.
 */
export async function verifySignedRequest(context: AcmeContext, body: unknown, url: string, keyFrom: "jwk" | "kid" | "either"): Promise<SignedRequest> {
  const raw = flattenedJws(body);
  const header = decodeJson(raw.protected, "protected header");
  const alg = header.alg;
  if (typeof alg !== "string" || !ACCOUNT_KEY_ALGORITHMS.includes(alg)) {
    throw new AcmeProblem("badSignatureAlgorithm", `Sign with one of ${ACCOUNT_KEY_ALGORITHMS.join(", ")}.`);
  }
  if (typeof header.nonce !== "string" || !(await consumeNonce(header.nonce))) {
    throw new AcmeProblem("badNonce", "The nonce is unknown, used or expired: take the one in this answer's Replay-Nonce and sign again.");
  }
  if (header.url !== url) throw new AcmeProblem("unauthorized", `The JWS url header must be ${url}.`);
  const hasJwk = header.jwk !== undefined;
  const hasKid = header.kid !== undefined;
  if (hasJwk === hasKid) throw malformed("The protected header must carry exactly one of jwk and kid.");
  if (hasJwk && keyFrom === "kid") throw malformed("Sign this request with your account (kid), not a jwk.");
  if (hasKid && keyFrom === "jwk") throw malformed("Sign this request with the key itself (jwk), not kid.");

  let jwk: JWK;
  let account: AcmeAccountRow | null = null;
  if (hasJwk) {
    if (!header.jwk || typeof header.jwk !== "object") throw malformed("The jwk header is not a JSON Web Key.");
    jwk = header.jwk as JWK;
  } else {
    account = await accountByKid(context, header.kid);
    jwk = account.jwk;
  }
  await verifyWithJwk(raw, jwk, alg);
  const payload = raw.payload === "" ? null : decodeJson(raw.payload, "payload");
  return { payload, jwk: hasJwk ? jwk : null, account, raw };
}

async function accountByKid(context: AcmeContext, kid: unknown): Promise<AcmeAccountRow> {
  const prefix = context.urls.account("");
  const id = typeof kid === "string" && kid.startsWith(prefix) ? kid.slice(prefix.length) : "";
  const row = /^[0-9a-f-]{36}$/.test(id)
    ? await db().acmeAccount.findFirst({
        where: { id, profileId: context.profile.id },
        select: {
          id: true,
          eabKeyId: true,
          keyThumbprint: true,
          jwk: true,
          status: true,
          contact: true,
          eabKey: { select: { name: true, revokedAt: true, createdById: true } },
        },
      })
    : null;
  if (!row) throw new AcmeProblem("accountDoesNotExist", "There is no such account on this ACME server.", 400);
  if (row.status !== "valid") throw new AcmeProblem("unauthorized", "This account is deactivated.", 401);
  if (row.eabKey.revokedAt) throw new AcmeProblem("unauthorized", "The external account binding key this account registered with was revoked.", 401);
  if (!(await eabAuthorityHolds(context, row.eabKey.createdById))) {
    throw new AcmeProblem("unauthorized", "Whoever made this account's EAB key may no longer manage ACME for the profile: ask for a new key.", 401);
  }
  const { eabKey, ...account } = row;
  return { ...account, eabKeyName: eabKey.name, jwk: account.jwk as JWK };
}
