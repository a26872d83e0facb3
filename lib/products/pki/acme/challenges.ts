import "server-only";
import type { JWK } from "jose";
import { afterResponse } from "../../../platform/after-response.ts";
import { db } from "../../../platform/db.ts";
import { Prisma } from "../../../generated/prisma/client.ts";
import type { AcmeAnswer, AcmeContext } from "./context.ts";
import { thumbprintOf, type AcmeAccountRow } from "./jws.ts";
import { AcmeProblem } from "./problems.ts";
import { checkDns01, checkHttp01, keyAuthorizationOf } from "./validate.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A validation left "processing" this long (its instance stopped) is taken over by the sweep. */
const STALE_AFTER_SECONDS = 60;

type ChallengeRow = { id: string; type: string; token: string; status: string; validatedAt: Date | null; error: Prisma.JsonValue };

function challengeJson(context: AcmeContext, challenge: ChallengeRow) {
  return {
    type: challenge.type,
    url: context.urls.challenge(challenge.id),
    status: challenge.status,
    token: challenge.token,
    ...(challenge.validatedAt ? { validated: challenge.validatedAt.toISOString() } : {}),
    ...(challenge.error ? { error: challenge.error } : {}),
  };
}

const CHALLENGE_COLUMNS = { id: true, type: true, token: true, status: true, validatedAt: true, error: true } as const;

/** An authorization of one of this account's orders, or not found. */
async function authorizationOf(account: AcmeAccountRow, authorizationId: string) {
  const row = UUID.test(authorizationId)
    ? await db().acmeAuthorization.findFirst({
        where: { id: authorizationId, order: { accountId: account.id } },
        include: { challenges: { select: CHALLENGE_COLUMNS, orderBy: { type: "asc" } } },
      })
    : null;
  if (!row) throw new AcmeProblem("malformed", "There is no such authorization for this account.", 404);
  return row;
}

/** POST to an authorization: read it, or deactivate it (`{"status": "deactivated"}`). */
export async function getAuthorization(
  context: AcmeContext,
  account: AcmeAccountRow,
  authorizationId: string,
  payload: Record<string, unknown> | null,
): Promise<AcmeAnswer> {
  let row = await authorizationOf(account, authorizationId);
  if (payload?.status === "deactivated") {
    if (row.status !== "pending" && row.status !== "valid") throw new AcmeProblem("malformed", `A ${row.status} authorization cannot be deactivated.`);
    await db().$transaction([
      db().acmeAuthorization.update({ where: { id: row.id }, data: { status: "deactivated" } }),
      db().acmeOrder.updateMany({ where: { id: row.orderId, status: { in: ["pending", "ready"] } }, data: { status: "invalid" } }),
    ]);
    row = await authorizationOf(account, authorizationId);
  } else if (payload !== null && Object.keys(payload).length > 0) {
    throw new AcmeProblem("malformed", 'An authorization is read (empty payload) or deactivated ({"status": "deactivated"}).');
  }
  return {
    status: 200,
    json: {
      identifier: { type: row.identifierType, value: row.identifierValue },
      status: row.status,
      expires: row.expiresAt.toISOString(),
      ...(row.wildcard ? { wildcard: true } : {}),
      challenges: row.challenges.map((challenge) => challengeJson(context, challenge)),
    },
  };
}

/**
 * The client says a challenge is ready (RFC 8555 section 7.5.1): it is marked processing and
 * validated once this answer has gone; the client polls the authorization meanwhile.
 */
export async function respondToChallenge(context: AcmeContext, account: AcmeAccountRow, challengeId: string): Promise<AcmeAnswer> {
  const row = UUID.test(challengeId)
    ? await db().acmeChallenge.findFirst({
        where: { id: challengeId, authorization: { order: { accountId: account.id } } },
        select: { ...CHALLENGE_COLUMNS, authorizationId: true, authorization: { select: { status: true, expiresAt: true } } },
      })
    : null;
  if (!row) throw new AcmeProblem("malformed", "There is no such challenge for this account.", 404);
  let challenge: ChallengeRow = row;
  if (row.status === "pending" && row.authorization.status === "pending" && row.authorization.expiresAt > new Date()) {
    const { count } = await db().acmeChallenge.updateMany({ where: { id: row.id, status: "pending" }, data: { status: "processing", startedAt: new Date() } });
    if (count === 1) {
      challenge = { ...row, status: "processing" };
      await afterResponse(() => validateChallenge(row.id));
    }
  }
  return { status: 200, json: challengeJson(context, challenge), links: [`<${context.urls.authorization(row.authorizationId)}>;rel="up"`] };
}

/**
 * Validates one challenge in "processing" and records the outcome once: the challenge, its
 * authorization, and the order (invalid, or ready once all its authorizations are valid).
 */
export async function validateChallenge(challengeId: string): Promise<void> {
  const row = await db().acmeChallenge.findUnique({
    where: { id: challengeId },
    select: {
      type: true,
      token: true,
      status: true,
      authorization: { select: { id: true, orderId: true, identifierValue: true, order: { select: { account: { select: { jwk: true } } } } } },
    },
  });
  if (!row || row.status !== "processing") return;
  const keyAuthorization = keyAuthorizationOf(row.token, await thumbprintOf(row.authorization.order.account.jwk as JWK));
  let problem: AcmeProblem | null = null;
  try {
    if (row.type === "http-01") await checkHttp01(row.authorization.identifierValue, row.token, keyAuthorization);
    else await checkDns01(row.authorization.identifierValue, keyAuthorization);
  } catch (error) {
    problem = error instanceof AcmeProblem ? error : new AcmeProblem("serverInternal", "The validation failed unexpectedly.", 500);
  }
  const { authorization } = row;
  await db().$transaction(async (tx) => {
    const { count } = await tx.acmeChallenge.updateMany({
      where: { id: challengeId, status: "processing" },
      data: problem ? { status: "invalid", error: problem.toJSON() } : { status: "valid", validatedAt: new Date() },
    });
    if (count === 0) return;
    await tx.acmeAuthorization.updateMany({ where: { id: authorization.id, status: "pending" }, data: { status: problem ? "invalid" : "valid" } });
    if (problem) {
      await tx.acmeOrder.updateMany({
        where: { id: authorization.orderId, status: { in: ["pending", "ready"] } },
        data: { status: "invalid", error: problem.toJSON() },
      });
      return;
    }
    const open = await tx.acmeAuthorization.count({ where: { orderId: authorization.orderId, status: { not: "valid" } } });
    if (open === 0) await tx.acmeOrder.updateMany({ where: { id: authorization.orderId, status: "pending" }, data: { status: "ready" } });
  });
}

/** Takes over validations whose instance stopped before finishing (the sweep, across instances). */
export async function validateStaleChallenges(): Promise<number> {
  const claimed = await db().$queryRaw<Array<{ id: string }>>`
    UPDATE acme_challenges SET started_at = now()
     WHERE id IN (SELECT id FROM acme_challenges
                   WHERE status = 'processing' AND started_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS})
                   ORDER BY started_at LIMIT 10 FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  for (const { id } of claimed) await validateChallenge(id);
  return claimed.length;
}
