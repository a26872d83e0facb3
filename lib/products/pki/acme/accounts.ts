import "server-only";
import { flattenedVerify, type JWK } from "jose";
import { db, isUniqueViolation } from "../../../platform/db.ts";
import { openPrivateKey } from "../keys.ts";
import { eabAuthorityHolds, recordAcmeEvent, type AcmeAnswer, type AcmeContext } from "./context.ts";
import { flattenedJws, thumbprintOf, verifyWithJwk, type SignedRequest } from "./jws.ts";
import { AcmeProblem } from "./problems.ts";

const EAB_ALGORITHMS = ["HS256", "HS384", "HS512"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function accountJson(context: AcmeContext, account: { id: string; status: string; contact: string[] }) {
  return { status: account.status, contact: account.contact, orders: context.urls.orders(account.id) };
}

function decoded(segment: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    if (value && typeof value === "object") return value as Record<string, unknown>;
  } catch {
    // Refused below.
  }
  throw new AcmeProblem("malformed", "A JWS part is not base64url JSON.");
}

/** `mailto:` addresses only, at most ten (RFC 8555 section 7.3). */
function contactsOf(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 10 || !value.every((one) => typeof one === "string" && /^mailto:[^\s@,]+@[^\s@,]+$/.test(one))) {
    throw new AcmeProblem("malformed", "contact must be a list of at most ten mailto: addresses.");
  }
  return value as string[];
}

/**
 * newAccount (RFC 8555 section 7.3): an existing account of this key is returned as is; a new
 * one needs External Account Binding with a key made for this profile (not revoked, its maker
 * still allowed to make it), binding exactly the key that signs the request.
 */
export async function newAccount(context: AcmeContext, request: SignedRequest): Promise<AcmeAnswer> {
  const jwk = request.jwk!;
  const thumbprint = await thumbprintOf(jwk);
  const existing = await db().acmeAccount.findUnique({
    where: { profileId_keyThumbprint: { profileId: context.profile.id, keyThumbprint: thumbprint } },
    select: { id: true, status: true, contact: true },
  });
  if (existing) {
    if (existing.status !== "valid") throw new AcmeProblem("unauthorized", "This account is deactivated.", 401);
    return { status: 200, json: accountJson(context, existing), location: context.urls.account(existing.id) };
  }
  const payload = request.payload ?? {};
  if (payload.onlyReturnExisting === true) throw new AcmeProblem("accountDoesNotExist", "No account has this key.");
  const contact = contactsOf(payload.contact);
  if (payload.externalAccountBinding === undefined) {
    throw new AcmeProblem("externalAccountRequired", "Register with externalAccountBinding: a key id and HMAC key made for this profile in Tessera.");
  }
  const eab = flattenedJws(payload.externalAccountBinding);
  const header = decoded(eab.protected);
  if (typeof header.alg !== "string" || !EAB_ALGORITHMS.includes(header.alg))
    throw new AcmeProblem("malformed", "The EAB must be signed with HS256, HS384 or HS512.");
  if (header.url !== context.urls.newAccount) throw new AcmeProblem("unauthorized", `The EAB url header must be ${context.urls.newAccount}.`);
  const keyId = typeof header.kid === "string" && UUID.test(header.kid) ? header.kid : null;
  const key = keyId
    ? await db().acmeEabKey.findFirst({
        where: { id: keyId, profileId: context.profile.id },
        select: { id: true, name: true, hmacKeySealed: true, revokedAt: true, createdById: true },
      })
    : null;
  if (!key || key.revokedAt) throw new AcmeProblem("unauthorized", "The EAB key id is not a key of this profile, or it was revoked.", 401);
  if (!(await eabAuthorityHolds(context, key.createdById))) {
    throw new AcmeProblem("unauthorized", "Whoever made this EAB key may no longer manage ACME for the profile: ask for a new key.", 401);
  }
  const hmac = await openPrivateKey(db(), context.project.id, key.id, key.hmacKeySealed);
  try {
    await flattenedVerify(eab, Uint8Array.from(hmac), { algorithms: [header.alg] });
  } catch {
    throw new AcmeProblem("unauthorized", "The EAB signature does not verify with this key id's HMAC key.", 401);
  }
  if ((await thumbprintOf(decoded(eab.payload) as JWK).catch(() => null)) !== thumbprint) {
    throw new AcmeProblem("malformed", "The EAB must bind the key that signs this request.");
  }
  try {
    const account = await db().$transaction(async (tx) => {
      const created = await tx.acmeAccount.create({
        data: { projectId: context.project.id, profileId: context.profile.id, eabKeyId: key.id, keyThumbprint: thumbprint, jwk: jwk as object, contact },
        select: { id: true, status: true, contact: true },
      });
      await tx.acmeEabKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
      await recordAcmeEvent(
        tx,
        context,
        { id: created.id, eabKeyName: key.name },
        {
          action: "pki.acme-account-created",
          target: { type: "acme-account", id: created.id, label: `ACME account ${created.id}` },
          metadata: { contact },
        },
      );
      return created;
    });
    return { status: 201, json: accountJson(context, account), location: context.urls.account(account.id) };
  } catch (error) {
    // The same key registering twice at once: the second gets the first's account.
    if (isUniqueViolation(error)) return newAccount(context, request);
    throw error;
  }
}

/** POST to the account's URL: read it (POST-as-GET), change its contacts, or deactivate it for good. */
export async function updateAccount(context: AcmeContext, request: SignedRequest, accountId: string): Promise<AcmeAnswer> {
  const account = request.account!;
  if (account.id !== accountId) throw new AcmeProblem("unauthorized", "An account can only be read or changed by its own key.", 403);
  const payload = request.payload ?? {};
  if (payload.status !== undefined && payload.status !== "deactivated")
    throw new AcmeProblem("malformed", 'The only status a client may set is "deactivated".');
  const contact = payload.contact === undefined ? account.contact : contactsOf(payload.contact);
  if (payload.status === undefined && payload.contact === undefined) return { status: 200, json: accountJson(context, account) };
  const updated = await db().$transaction(async (tx) => {
    const deactivate = payload.status === "deactivated";
    const row = await tx.acmeAccount.update({
      where: { id: account.id },
      data: { contact, ...(deactivate ? { status: "deactivated", deactivatedAt: new Date() } : {}) },
      select: { id: true, status: true, contact: true },
    });
    if (deactivate) {
      await recordAcmeEvent(tx, context, account, {
        action: "pki.acme-account-deactivated",
        target: { type: "acme-account", id: account.id, label: `ACME account ${account.id}` },
      });
    }
    return row;
  });
  return { status: 200, json: accountJson(context, updated) };
}

/**
 * keyChange (RFC 8555 section 7.3.5): the outer JWS signed by the account's key, the inner by
 * the new one, naming the account and its old key. A key another account holds is a conflict.
 */
export async function changeAccountKey(context: AcmeContext, request: SignedRequest): Promise<AcmeAnswer> {
  const account = request.account!;
  const inner = flattenedJws(request.payload);
  const header = decoded(inner.protected);
  if (header.url !== context.urls.keyChange) throw new AcmeProblem("malformed", "The inner JWS url must be the keyChange URL.");
  if (!header.jwk || typeof header.jwk !== "object" || header.kid !== undefined)
    throw new AcmeProblem("malformed", "The inner JWS carries the new key as jwk.");
  const newKey = header.jwk as JWK;
  await verifyWithJwk(inner, newKey, typeof header.alg === "string" ? header.alg : "");
  const body = decoded(inner.payload);
  if (body.account !== context.urls.account(account.id)) throw new AcmeProblem("malformed", "The inner payload must name this account.");
  if ((await thumbprintOf(body.oldKey as JWK).catch(() => null)) !== account.keyThumbprint) {
    throw new AcmeProblem("malformed", "oldKey is not this account's current key.");
  }
  const thumbprint = await thumbprintOf(newKey);
  const holder = await db().acmeAccount.findUnique({
    where: { profileId_keyThumbprint: { profileId: context.profile.id, keyThumbprint: thumbprint } },
    select: { id: true },
  });
  if (holder)
    return { status: 409, json: new AcmeProblem("malformed", "Another account has this key.", 409).toJSON(), location: context.urls.account(holder.id) };
  const updated = await db().$transaction(async (tx) => {
    const row = await tx.acmeAccount.update({
      where: { id: account.id },
      data: { jwk: newKey as object, keyThumbprint: thumbprint },
      select: { id: true, status: true, contact: true },
    });
    await recordAcmeEvent(tx, context, account, {
      action: "pki.acme-account-key-changed",
      target: { type: "acme-account", id: account.id, label: `ACME account ${account.id}` },
    });
    return row;
  });
  return { status: 200, json: accountJson(context, updated) };
}
