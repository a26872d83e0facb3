import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BillingDetailsForm } from "@/components/billing/billing-details-form";
import { Card } from "@/components/ui/card";
import { requireOrgAccess } from "@/lib/platform/authz/org-page";
import { getBillingOverview } from "@/lib/platform/org-billing/details";
import { FEATURES, METERS, type Feature, type Meter } from "@/lib/platform/billing/plans";
import { PageHeader } from "@/components/layout/page-header";

export const metadata: Metadata = { title: "Billing" };

/** The plan's meters, per product. */
const PRODUCT_METERS: Array<{ product: string; meters: Meter[] }> = [
  { product: "Organization", meters: ["seats", "customRoles", "auditRetentionDays"] },
  { product: "Secrets Management", meters: ["secretsProjects", "environmentsPerProject"] },
  { product: "PKI", meters: ["pkiProjects", "certificateAuthorities", "certificatesPerMonth"] },
  { product: "PAM", meters: ["pamProjects", "pamAccounts"] },
];

/** A plan's limit; an unlimited meter is "Included". */
const limitText = (limit: number | null) => (limit === null ? "Included" : limit.toLocaleString("en"));
const days = (count: number) => `${count.toLocaleString("en")} ${count === 1 ? "day" : "days"}`;

type Level = "fine" | "near" | "full";
/** Amber from 80 % of a limit, red at it. */
function fullness(count: number, limit: number | null): Level {
  if (limit === null || limit === 0) return limit === 0 && count > 0 ? "full" : "fine";
  return count >= limit ? "full" : count >= limit * 0.8 ? "near" : "fine";
}
const LEVEL_TEXT: Record<Level, string | undefined> = { fine: undefined, near: "font-medium text-amber-800", full: "font-medium text-red-700" };
const LEVEL_BAR: Record<Level, string> = { fine: "bg-brand-600", near: "bg-amber-500", full: "bg-red-600" };

export default async function BillingPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const access = await requireOrgAccess((await params).orgSlug);
  if (!access.can("billing:read")) notFound();
  const { plan, usage, plans, details } = await getBillingOverview(access);
  const retentionLimit = plan.limits.auditRetentionDays;
  const retention =
    usage.auditRetentionDays !== null
      ? `${days(usage.auditRetentionDays)} (set here${retentionLimit === null ? "" : `; the plan allows up to ${days(retentionLimit)}`})`
      : retentionLimit === null
        ? "Forever (the plan does not limit it)"
        : `${days(retentionLimit)} (plan maximum)`;
  // What a meter's figure is made of, where one number would hide it.
  const detail: Partial<Record<Meter, string | null>> = {
    seats: usage.identitySeats ? `${usage.identitySeats.toLocaleString("en")} of them machine ${usage.identitySeats === 1 ? "identity" : "identities"}` : null,
    environmentsPerProject: usage.fullestProject ? `the fullest: ${usage.fullestProject}` : null,
  };
  return (
    <section aria-labelledby="billing-heading" className="flex max-w-4xl flex-col gap-6">
      <PageHeader
        id="billing-heading"
        title="Billing"
        description={
          <>
            This organization is on the <strong>{plan.name}</strong> plan. Plans are set by whoever runs this Tessera instance (
            <code className="font-mono text-xs">npm run org -- plan</code>), not from here.
          </>
        }
      />
      <Card>
        <h2 className="mb-3 text-base font-semibold">Usage</h2>
        <div className="grid gap-6 sm:grid-cols-2">
          {PRODUCT_METERS.map(({ product, meters }) => (
            <div key={product}>
              <h3 className="text-sm font-semibold text-slate-700">{product}</h3>
              <dl className="mt-2 flex flex-col gap-2 text-sm">
                {meters.map((meter) => {
                  if (meter === "auditRetentionDays") {
                    return (
                      <div key={meter}>
                        <dt className="text-slate-600">Audit events kept</dt>
                        <dd>{retention}</dd>
                      </div>
                    );
                  }
                  const limit = plan.limits[meter];
                  const count = usage[meter];
                  const level = fullness(count, limit);
                  return (
                    <div key={meter}>
                      <dt className="text-slate-600">{METERS[meter]}</dt>
                      <dd className={LEVEL_TEXT[level]}>
                        {limit === null ? `${count.toLocaleString("en")} (included, no limit)` : `${count.toLocaleString("en")} of ${limitText(limit)}`}
                        {limit !== null && limit > 0 ? (
                          <meter className="sr-only" min={0} max={limit} value={Math.min(count, limit)} aria-label={`${METERS[meter]}: ${count} of ${limit}`} />
                        ) : null}
                        {limit !== null && limit > 0 ? (
                          <span aria-hidden="true" className="ml-2 inline-block h-2 w-32 overflow-hidden rounded-full bg-slate-200 align-middle">
                            <span className={`block h-full ${LEVEL_BAR[level]}`} style={{ width: `${Math.min(100, (count / limit) * 100)}%` }} />
                          </span>
                        ) : null}
                        {detail[meter] ? <span className="block text-xs text-slate-600">{detail[meter]}</span> : null}
                        {level === "full" ? <span className="block text-xs">At the limit: the next one is refused.</span> : null}
                        {level === "near" ? <span className="block text-xs">Over 80 % used.</span> : null}
                      </dd>
                    </div>
                  );
                })}
                {product === "PAM" ? (
                  <div>
                    <dt className="text-slate-600">Active grants</dt>
                    <dd>{usage.pamActiveGrants.toLocaleString("en")} (not limited)</dd>
                  </div>
                ) : null}
              </dl>
            </div>
          ))}
        </div>
      </Card>
      <Card>
        <h2 id="plans-heading" className="mb-3 text-base font-semibold">
          Plans
        </h2>
        {/* Focusable: on a phone the table scrolls sideways, and nothing inside it takes focus. */}
        <div role="region" aria-labelledby="plans-heading" tabIndex={0} className="overflow-x-auto">
          <table className="w-full text-left text-sm [&_td]:px-3 [&_td]:py-2 [&_th]:px-3 [&_th]:py-2">
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col">Limit</th>
                {plans.map((option) => (
                  <th key={option.id} scope="col">
                    {option.definition.name}
                    {option.id === plan.id ? " (current)" : ""}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(Object.keys(METERS) as Meter[]).map((meter) => (
                <tr key={meter} className="border-b border-slate-100">
                  <th scope="row" className="font-normal text-slate-700">
                    {METERS[meter]}
                  </th>
                  {plans.map((option) => (
                    <td key={option.id} className="tabular-nums">
                      {limitText(option.definition.limits[meter])}
                    </td>
                  ))}
                </tr>
              ))}
              {(Object.keys(FEATURES) as Feature[]).map((feature) => (
                <tr key={feature} className="border-b border-slate-100">
                  <th scope="row" className="font-normal text-slate-700">
                    {FEATURES[feature]}
                  </th>
                  {plans.map((option) => (
                    <td key={option.id}>{option.definition.features[feature] ? "Included" : "Not included"}</td>
                  ))}
                </tr>
              ))}
              <tr>
                <th scope="row" className="font-normal text-slate-700">
                  This organization would exceed
                </th>
                {plans.map((option) => (
                  <td key={option.id} className="align-top text-xs">
                    {option.exceeded.length ? (
                      <ul className="list-disc pl-4 text-amber-800">
                        {option.exceeded.map((line) => (
                          <li key={line}>{line}</li>
                        ))}
                      </ul>
                    ) : (
                      "Nothing"
                    )}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      </Card>
      <Card>
        <h2 className="mb-3 text-base font-semibold">Billing details</h2>
        {access.can("billing:manage") ? (
          <BillingDetailsForm orgSlug={access.org.slug} details={details} />
        ) : (
          <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
            <dt className="text-slate-600">Company</dt>
            <dd>{details.company || "—"}</dd>
            <dt className="text-slate-600">Billing email</dt>
            <dd>{details.email || "—"}</dd>
            <dt className="text-slate-600">Address</dt>
            <dd className="whitespace-pre-line">{details.address || "—"}</dd>
            <dt className="text-slate-600">Tax id</dt>
            <dd>{details.taxId || "—"}</dd>
          </dl>
        )}
      </Card>
    </section>
  );
}
