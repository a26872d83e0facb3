import "server-only";
import { z } from "zod";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError, RefusedError } from "../errors.ts";
import { orgSlugSchema } from "../slugs.ts";
import { hasSecondFactor } from "../auth/second-factor.ts";
import { hasSecondFactorSql } from "../auth/second-factor-sql.ts";

export const requireTwoFactorSchema = z.object({ orgSlug: orgSlugSchema, required: z.boolean() });
export type RequireTwoFactorInput = z.input<typeof requireTwoFactorSchema>;

/** The step-up windows the settings page offers; null turns step-up off. */
export const STEP_UP_CHOICES = [5, 15, 60, 240] as const;
export const stepUpSchema = z.object({
  orgSlug: orgSlugSchema,
  minutes: z
    .number()
    .int()
    .refine((minutes) => (STEP_UP_CHOICES as readonly number[]).includes(minutes), "Pick one of the offered durations")
    .nullable(),
});

/** How many people a page names before "and N more". */
const NAMED = 20;

export type TwoFactorPolicy = {
  required: boolean;
  /** People (machine identities never sign in) without a second factor: blocked while it is required. */
  withoutSecondFactor: { total: number; names: string[] };
  /** Whether the viewer themselves has one (turning it on needs it). */
  viewerHasIt: boolean;
  /** Step-up: sensitive actions ask for the second factor again after this many minutes; null is off. */
  stepUpMinutes: number | null;
};

/** The org's policy and who it would block (or blocks), for the settings page. */
export async function getTwoFactorPolicy(access: OrgAccess): Promise<TwoFactorPolicy> {
  if (!access.can("organization:read")) throw new ForbiddenError("organization:read");
  const [org, rows, viewerHasIt] = await Promise.all([
    db().organization.findUniqueOrThrow({ where: { id: access.org.id }, select: { requireTwoFactor: true, stepUpMinutes: true } }),
    db().$queryRaw<Array<{ name: string; total: number }>>`
      SELECT u.name, count(*) OVER ()::int AS total
        FROM org_memberships m JOIN users u ON u.id = m.user_id AND u.kind = 'PERSON'
       WHERE m.org_id = ${access.org.id}::uuid
         AND NOT ${hasSecondFactorSql("u.id")}
       ORDER BY u.name, u.id
       LIMIT ${NAMED}`,
    hasSecondFactor(access.actor.userId),
  ]);
  return {
    required: org.requireTwoFactor,
    withoutSecondFactor: { total: rows[0]?.total ?? 0, names: rows.map((row) => row.name) },
    viewerHasIt,
    stepUpMinutes: org.stepUpMinutes,
  };
}

/**
 * Turns "Require two-factor sign-in" on or off. Turning it on needs a second factor of one's
 * own: whoever requires it must be able to come back in.
 */
export async function setRequireTwoFactor(access: OrgAccess, input: RequireTwoFactorInput): Promise<void> {
  if (!access.can("organization:edit")) throw new ForbiddenError("organization:edit");
  const { required } = requireTwoFactorSchema.parse(input);
  if (required && !(await hasSecondFactor(access.actor.userId))) {
    throw new RefusedError("Set up two-factor sign-in on your account first: you would be locked out of this organization yourself.");
  }
  await db().$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: access.org.id }, select: { requireTwoFactor: true } });
    if (before.requireTwoFactor === required) return;
    await tx.organization.update({ where: { id: access.org.id }, data: { requireTwoFactor: required } });
    await recordOrgEvent(tx, access, {
      action: "org.two-factor-policy-changed",
      target: { type: "organization", id: access.org.id },
      metadata: { from: before.requireTwoFactor, to: required },
      summary: required ? "Two-factor sign-in required" : "Two-factor sign-in no longer required",
    });
  });
}

/**
 * Step-up for sensitive actions (revealing or exporting secret values, deciding PAM requests,
 * changing org roles, deleting a CA): off, or the minutes a second factor counts for. Turning
 * it on needs a second factor of one's own, like requiring it.
 */
export async function setStepUpMinutes(access: OrgAccess, input: z.input<typeof stepUpSchema>): Promise<void> {
  if (!access.can("organization:edit")) throw new ForbiddenError("organization:edit");
  const { minutes } = stepUpSchema.parse(input);
  if (minutes !== null && !(await hasSecondFactor(access.actor.userId))) {
    throw new RefusedError("Set up two-factor sign-in on your account first: step-up would lock you out of these actions.");
  }
  await db().$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: access.org.id }, select: { stepUpMinutes: true } });
    if (before.stepUpMinutes === minutes) return;
    await tx.organization.update({ where: { id: access.org.id }, data: { stepUpMinutes: minutes } });
    await recordOrgEvent(tx, access, {
      action: "org.step-up-changed",
      target: { type: "organization", id: access.org.id },
      metadata: { from: before.stepUpMinutes, to: minutes },
      summary: minutes === null ? "Step-up turned off" : `Step-up after ${minutes} minutes`,
    });
  });
}
