import "server-only";
import type { Actor } from "./actor.ts";
import type { SessionClaims } from "./authenticate.ts";
import { db } from "../db.ts";
import { RefusedError, StepUpRequiredError } from "../errors.ts";
import { requireSecondFactorNow } from "./second-factor.ts";
import { hasSecondFactorSql } from "./second-factor-sql.ts";
import { secondFactorProofSchema } from "./two-factor-schemas.ts";

/**
 * Step-up: refuses a sensitive action unless the org has it off, or this session passed a
 * second factor within the org's minutes. Checked from the database on each call, so a
 * setting changed on one instance holds on every other at once.
 */
export async function assertRecentSecondFactor(claims: SessionClaims, orgId: string): Promise<void> {
  const [row] = await db().$queryRaw<Array<{ step_up_minutes: number | null; recent: boolean | null; has_factor: boolean }>>`
    SELECT o.step_up_minutes,
           s.second_factor_at > now() - make_interval(mins => o.step_up_minutes) AS recent,
           ${hasSecondFactorSql("s.user_id")} AS has_factor
      FROM organizations o
      LEFT JOIN user_sessions s ON s.id = ${claims.sessionId}::uuid AND s.user_id = ${claims.userId}::uuid
     WHERE o.id = ${orgId}::uuid`;
  if (!row || row.step_up_minutes === null || row.recent) return;
  throw new StepUpRequiredError(row.has_factor ? "verify" : "enrol");
}

/** Proves the second factor again for this session: step-up actions pass for the org's minutes from now. */
export async function stepUp(actor: Actor, sessionId: string | null, input: unknown): Promise<void> {
  const proof = secondFactorProofSchema.parse(input);
  if (!sessionId) throw new RefusedError("Your session has ended. Sign in again.");
  await requireSecondFactorNow(actor.userId, proof);
  await db().userSession.updateMany({ where: { id: sessionId, userId: actor.userId }, data: { secondFactorAt: new Date() } });
}
