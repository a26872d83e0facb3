import type { Metadata } from "next";
import { planRoom } from "@/lib/platform/billing/room";
import { PlanLimitButton } from "@/components/billing/plan-limit-button";
import { IssueCertificateDialog } from "@/components/products/pki/issue-certificate-dialog";
import { CertificatesTable } from "@/components/products/pki/certificates-table";
import { Pagination } from "@/components/ui/pagination";
import { listCertificates } from "@/lib/products/pki/certificates/list-certificates";
import { getExpiryAlert } from "@/lib/products/pki/expiry/alerts";
import { ExpiryAlertDialog } from "@/components/products/pki/expiry-alert-dialog";
import { CERTIFICATE_STATUSES } from "@/lib/products/pki/schemas";
import { requireProjectSection } from "@/lib/platform/projects/require-section";
import { PageHeader } from "@/components/layout/page-header";
import { browserData } from "@/components/ui/browser-data";

type Props = {
  params: Promise<{ orgSlug: string; projectSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Certificates" };

const date = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const STATUS_LABELS = { active: "Active", expiring: "Expiring within 30 days", expired: "Expired", revoked: "Revoked" } as const;

/** "Expiry alerts: 30 and 7 days before the end, to 2 people and 1 group." */
function expiryAlertSummary(alert: { thresholds: number[]; recipients: unknown[]; groupIds: unknown[] }): string {
  if (alert.thresholds.length === 0) return "No expiry alerts are set.";
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  const days = alert.thresholds.length === 1 ? `${alert.thresholds[0]}` : `${alert.thresholds.slice(0, -1).join(", ")} and ${alert.thresholds.at(-1)}`;
  const to = [
    alert.recipients.length ? count(alert.recipients.length, "person").replace("persons", "people") : "",
    alert.groupIds.length ? count(alert.groupIds.length, "group") : "",
  ].filter(Boolean);
  return `Expiry alerts: ${days} days before the end, to ${to.join(" and ")}.`;
}

export default async function CertificatesPage({ params, searchParams }: Props) {
  const { orgSlug, projectSlug } = await params;
  const { access } = await requireProjectSection(orgSlug, projectSlug, "certificates");
  const search = await searchParams;
  const [{ query, rows, total, pageCount, caChoices: cas, setup }, certificateRoom, alert] = await Promise.all([
    listCertificates(access, search),
    access.can("certificate:issue") ? planRoom(access.orgAccess.org, "certificatesPerMonth") : ({ full: false } as const),
    access.can("expiry-alert:edit") ? getExpiryAlert(access) : null,
  ]);
  const base = `/orgs/${access.orgAccess.org.slug}/projects/${access.project.slug}/certificates`;
  // `?issue=` names a profile, or a CA (its page's button): the dialog opens on it.
  const openFor = typeof search.issue === "string" && setup.hasActiveProfile ? search.issue : undefined;
  const filters = { ...(query.q ? { q: query.q } : {}), ...(query.status ? { status: query.status } : {}), ...(query.ca ? { ca: query.ca } : {}) };
  const filtered = Object.keys(filters).length > 0;
  return (
    <section aria-labelledby="certificates-heading" className="flex flex-col gap-4">
      <PageHeader
        id="certificates-heading"
        title="Certificates"
        description={
          <>
            X.509 certificates this project&apos;s CAs issued, newest first.
            {alert ? ` ${expiryAlertSummary(alert)}` : ""}
          </>
        }
        actions={
          <>
            {alert ? (
              <ExpiryAlertDialog
                orgSlug={access.orgAccess.org.slug}
                projectSlug={access.project.slug}
                alert={{ thresholds: alert.thresholds.join(", ") || "30, 7, 1", recipients: alert.recipients, groupIds: alert.groupIds }}
              />
            ) : null}
            {access.can("certificate:issue") && certificateRoom.full ? (
              <PlanLimitButton label="Issue certificate" reason={certificateRoom.reason} />
            ) : access.can("certificate:issue") ? (
              <IssueCertificateDialog
                orgSlug={access.orgAccess.org.slug}
                projectSlug={access.project.slug}
                available={setup.hasActiveProfile}
                openFor={openFor}
              />
            ) : null}
          </>
        }
      />
      <form action={base} className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter certificates">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium text-slate-800">Search</span>
          <input
            name="q"
            defaultValue={query.q}
            placeholder="Common name, DNS name, IP or serial"
            className="w-72 rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium text-slate-800">Status</span>
          <select name="status" defaultValue={query.status ?? ""} className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm">
            <option value="">Any</option>
            {CERTIFICATE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </label>
        {cas.length ? (
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium text-slate-800">CA</span>
            <select name="ca" defaultValue={query.ca ?? ""} className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm">
              <option value="">Any</option>
              {cas.map((ca) => (
                <option key={ca.id} value={ca.id}>
                  {ca.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium">
          Apply
        </button>
        <p className="ml-auto text-sm text-slate-600">
          {total} {total === 1 ? "certificate" : "certificates"}
        </p>
      </form>
      <CertificatesTable
        base={base}
        rows={browserData(
          rows.map((row) => ({
            id: row.id,
            commonName: row.commonName,
            serialNumber: row.serialNumber,
            names: [...row.dnsNames, ...row.ipAddresses, ...row.emailAddresses].join(", ") || "—",
            caName: row.caName,
            status: row.status,
            expires: date.format(row.notAfter),
          })),
        )}
        empty={
          rows.length === 0
            ? filtered
              ? "No certificates match these filters."
              : setup.hasActiveProfile
                ? "No certificates yet. Issue one through a profile."
                : setup.hasCa
                  ? "No certificates yet. Create a certificate profile first: it says what a CA may issue."
                  : "No certificates yet. Create a certificate authority first."
            : null
        }
      />
      <Pagination page={query.page} pageCount={pageCount} href={(page) => `${base}?${new URLSearchParams({ ...filters, page: String(page) })}`} />
    </section>
  );
}
