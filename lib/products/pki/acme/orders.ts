import "server-only";
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { db, type Tx } from "../../../platform/db.ts";
import { normalizeDnsName } from "../dns-names.ts";
import { profileRefusal } from "../profiles/profile-check.ts";
import { recordAcmeEvent, type AcmeAnswer, type AcmeContext } from "./context.ts";
import type { AcmeAccountRow } from "./jws.ts";
import { AcmeProblem } from "./problems.ts";

const ORDER_LIFETIME_MS = 7 * 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Identifier = { type: "dns" | "ip"; value: string };

/** An identifier in the one form it is validated and signed in, or a refusal naming it. */
function normalizedIdentifier(context: AcmeContext, value: unknown): Identifier {
  const asked = value as Partial<Record<string, unknown>> | null;
  if (!asked || typeof asked.value !== "string") throw new AcmeProblem("malformed", "Each identifier needs a type and a value.");
  if (asked.type === "ip") {
    if (!isIP(asked.value)) throw new AcmeProblem("malformed", `${asked.value} is not an IP address.`);
    return { type: "ip", value: asked.value };
  }
  if (asked.type !== "dns") throw new AcmeProblem("unsupportedIdentifier", `Identifiers of type ${String(asked.type)} are not issued here: dns and ip are.`);
  const name = normalizeDnsName(asked.value);
  if (!name) throw new AcmeProblem("rejectedIdentifier", `${asked.value} is not a DNS name.`);
  return { type: "dns", value: name };
}

/** The profile's word on one identifier, as it would be on a certificate. */
function identifierRefusal(context: AcmeContext, identifier: Identifier): string | null {
  const names =
    identifier.type === "ip"
      ? { commonName: identifier.value, dnsNames: [], ipAddresses: [identifier.value], emailAddresses: [] }
      : { commonName: identifier.value, dnsNames: [identifier.value], ipAddresses: [], emailAddresses: [] };
  const { profile } = context;
  const refusal = profileRefusal(profile, {
    names,
    keyAlgorithm: profile.keyAlgorithms[0]!,
    keyUsages: [],
    extendedKeyUsages: [],
    validityDays: 1,
  });
  return refusal?.message ?? null;
}

export function orderJson(
  context: AcmeContext,
  order: { id: string; status: string; identifiers: unknown; expiresAt: Date; certificateId: string | null; error: unknown },
  authorizationIds: string[],
) {
  return {
    status: order.status,
    expires: order.expiresAt.toISOString(),
    identifiers: order.identifiers,
    authorizations: authorizationIds.map((id) => context.urls.authorization(id)),
    finalize: context.urls.finalize(order.id),
    ...(order.certificateId ? { certificate: context.urls.certificate(order.certificateId) } : {}),
    ...(order.error ? { error: order.error } : {}),
  };
}

/**
 * newOrder (RFC 8555 section 7.4): every identifier the profile allows, each with an
 * authorization and its challenges (http-01 except for wildcards; dns-01 for DNS names).
 */
export async function newOrder(context: AcmeContext, account: AcmeAccountRow, payload: Record<string, unknown> | null): Promise<AcmeAnswer> {
  const asked = payload?.identifiers;
  if (!Array.isArray(asked) || asked.length === 0 || asked.length > 100)
    throw new AcmeProblem("malformed", "identifiers must list between 1 and 100 identifiers.");
  if (payload?.notBefore !== undefined || payload?.notAfter !== undefined) {
    throw new AcmeProblem("malformed", `This server sets the validity itself: ${context.profile.maxValidityDays} days (the profile's).`);
  }
  const identifiers = [...new Map(asked.map((one) => normalizedIdentifier(context, one)).map((one) => [`${one.type}:${one.value}`, one])).values()];
  for (const identifier of identifiers) {
    const refusal = identifierRefusal(context, identifier);
    if (refusal) throw new AcmeProblem("rejectedIdentifier", refusal);
  }
  const expiresAt = new Date(Date.now() + ORDER_LIFETIME_MS);
  const { order, authorizationIds } = await db().$transaction(async (tx) => {
    const created = await tx.acmeOrder.create({ data: { accountId: account.id, status: "pending", identifiers, expiresAt } });
    const ids: string[] = [];
    for (const identifier of identifiers) {
      const wildcard = identifier.value.startsWith("*.");
      const authorization = await tx.acmeAuthorization.create({
        data: {
          orderId: created.id,
          identifierType: identifier.type,
          identifierValue: wildcard ? identifier.value.slice(2) : identifier.value,
          wildcard,
          expiresAt,
        },
        select: { id: true },
      });
      const types = [...(wildcard ? [] : ["http-01"]), ...(identifier.type === "dns" ? ["dns-01"] : [])];
      await tx.acmeChallenge.createMany({
        data: types.map((type) => ({ authorizationId: authorization.id, type, token: randomBytes(32).toString("base64url") })),
      });
      ids.push(authorization.id);
    }
    await recordAcmeEvent(tx, context, account, {
      action: "pki.acme-order-created",
      target: { type: "acme-order", id: created.id, label: identifiers.map((one) => one.value).join(", ") },
      metadata: { identifiers: identifiers.map((one) => one.value) },
    });
    return { order: created, authorizationIds: ids };
  });
  return { status: 201, json: orderJson(context, order, authorizationIds), location: context.urls.order(order.id) };
}

/** An order of this account, or not found (another account's ids look the same as none). */
export async function orderOf(client: Pick<Tx, "acmeOrder">, account: AcmeAccountRow, orderId: string) {
  const order = UUID.test(orderId)
    ? await client.acmeOrder.findFirst({
        where: { id: orderId, accountId: account.id },
        include: { authorizations: { select: { id: true }, orderBy: { id: "asc" } } },
      })
    : null;
  if (!order) throw new AcmeProblem("malformed", "There is no such order for this account.", 404);
  return order;
}

export async function getOrder(context: AcmeContext, account: AcmeAccountRow, orderId: string): Promise<AcmeAnswer> {
  const order = await orderOf(db(), account, orderId);
  return {
    status: 200,
    json: orderJson(
      context,
      order,
      order.authorizations.map((one) => one.id),
    ),
  };
}

/** The account's orders URL: its orders, newest first (RFC 8555 section 7.1.2.1); one page of 100. */
export async function listOrders(context: AcmeContext, account: AcmeAccountRow, accountId: string): Promise<AcmeAnswer> {
  if (account.id !== accountId) throw new AcmeProblem("unauthorized", "An account's orders are read with its own key.", 403);
  const orders = await db().acmeOrder.findMany({ where: { accountId }, orderBy: { createdAt: "desc" }, take: 100, select: { id: true } });
  return { status: 200, json: { orders: orders.map((order) => context.urls.order(order.id)) } };
}

/** Orders (with their authorizations and challenges) a month past their expiry are deleted (the sweep); the audit log keeps their story. */
export async function pruneExpiredOrders(): Promise<number> {
  const { count } = await db().acmeOrder.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - 30 * 86_400_000) } } });
  return count;
}
