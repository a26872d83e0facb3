import "server-only";
import { z } from "zod";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { db, preparedQuery } from "../db.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { Plan } from "../../generated/prisma/enums.ts";
import { ForbiddenError, RefusedError } from "../errors.ts";
import { orgSlugSchema } from "../slugs.ts";
import { orgPlanOf } from "../billing/limits.ts";
import { PLAN_IDS, plans, type Feature, type Meter, type PlanDefinition, type PlanId } from "../billing/plans.ts";
import { exceededOn, orgUsageSql, type OrgUsage } from "../billing/usage.ts";

export const billingDetailsSchema = z.object({
  orgSlug: orgSlugSchema,
  company: z.string().trim().max(200, "Use at most 200 characters").default(""),
  email: z
    .string()
    .trim()
    .max(254)
    .default("")
    .refine((value) => value === "" || z.email().safeParse(value).success, "Enter an email address, like billing@example.com"),
  address: z.string().trim().max(1000, "Use at most 1,000 characters").default(""),
  taxId: z.string().trim().max(64, "Use at most 64 characters").default(""),
});
export type BillingDetailsInput = z.input<typeof billingDetailsSchema>;
export type BillingDetails = { company: string; email: string; address: string; taxId: string };

export type BillingOverview = {
  plan: { id: PlanId; name: string; limits: Record<Meter, number | null>; features: Record<Feature, boolean> };
  usage: OrgUsage;
  /** Every plan, with what this org would exceed on it. */
  plans: Array<{ id: PlanId; definition: PlanDefinition; exceeded: string[] }>;
  details: BillingDetails;
};

/** The billing page: the plan, what is used of it, the other plans, and the billing details. */
export async function getBillingOverview(access: OrgAccess): Promise<BillingOverview> {
  if (!access.can("billing:read")) throw new ForbiddenError("billing:read");
  // One statement: the plan's counts and the org's plan and billing details beside them.
  // Prepared: its plan is the same for every org (each count by the org's id), and planning
  // this many subqueries cost more than running them.
  const [row] = await preparedQuery<OrgUsage & { plan: Plan; seat_limit: number | null; company: string; email: string; address: string; tax_id: string }>(
    orgUsageSql(
      access.org.id,
      Prisma.sql`, o.plan::text AS plan, o.seat_limit, o.billing_company AS company, o.billing_email AS email, o.billing_address AS address, o.billing_tax_id AS tax_id`,
    ),
  );
  if (!row) throw new RefusedError("This organization no longer exists.");
  const { plan: planId, seat_limit, company, email, address, tax_id: taxId, ...usage } = row;
  const plan = orgPlanOf({ plan: planId, seat_limit });
  return {
    plan: { id: plan.id, name: plan.definition.name, limits: plan.limits, features: plan.definition.features },
    usage,
    plans: PLAN_IDS.map((id) => ({ id, definition: plans()[id], exceeded: exceededOn(usage, id) })),
    details: { company, email, address, taxId },
  };
}

const FIELD_LABELS: Record<keyof BillingDetails, string> = { company: "company", email: "billing email", address: "address", taxId: "tax id" };

/** Edits the billing details (billing:manage); the audit log names the fields changed. */
export async function updateBillingDetails(access: OrgAccess, input: BillingDetailsInput): Promise<void> {
  if (!access.can("billing:manage")) throw new ForbiddenError("billing:manage");
  const { company, email, address, taxId } = billingDetailsSchema.parse(input);
  const next: BillingDetails = { company, email, address, taxId };
  await db().$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({
      where: { id: access.org.id },
      select: { billingCompany: true, billingEmail: true, billingAddress: true, billingTaxId: true },
    });
    const current: BillingDetails = { company: before.billingCompany, email: before.billingEmail, address: before.billingAddress, taxId: before.billingTaxId };
    const changed = (Object.keys(next) as Array<keyof BillingDetails>).filter((key) => next[key] !== current[key]);
    if (changed.length === 0) return;
    await tx.organization.update({
      where: { id: access.org.id },
      data: { billingCompany: company, billingEmail: email, billingAddress: address, billingTaxId: taxId },
    });
    await recordOrgEvent(tx, access, {
      action: "billing.details-changed",
      target: { type: "organization", id: access.org.id },
      metadata: { changed },
      summary: `Changed ${changed.map((key) => FIELD_LABELS[key]).join(", ")}`,
    });
  });
}
