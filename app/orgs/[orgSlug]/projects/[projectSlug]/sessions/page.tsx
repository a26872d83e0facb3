import type { Metadata } from "next";
import Link from "next/link";
import { RevokeGrantButton } from "@/components/products/pam/row-buttons";
import { DataTable } from "@/components/ui/data-table";
import { formatDuration } from "@/lib/platform/format-duration";
import { listGrants, type GrantListItem } from "@/lib/products/pam/grants";
import { REQUEST_STATUS_LABELS } from "@/lib/products/pam/vocabulary";
import { requireProjectSection } from "@/lib/platform/projects/require-section";
import { requestTime } from "@/lib/platform/request-time";
import { PageHeader } from "@/components/layout/page-header";

type Props = { params: Promise<{ orgSlug: string; projectSlug: string }> };

export const metadata: Metadata = { title: "Grants and sessions" };

const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function Sessions({ grant }: { grant: GrantListItem }) {
  if (grant.sessions.length === 0) return <span className="text-xs text-slate-600">None seen</span>;
  return (
    <ul className="text-xs">
      {grant.sessions.map((session) => (
        <li key={`${session.pid}-${session.backendStart.toISOString()}`}>
          {session.clientAddress ?? "address not visible"} · from {time.format(session.backendStart)} ·{" "}
          {session.goneAt ? `gone by ${time.format(session.goneAt)}` : "live"}
        </li>
      ))}
    </ul>
  );
}

export default async function SessionsPage({ params }: Props) {
  const { orgSlug, projectSlug } = await params;
  const { access } = await requireProjectSection(orgSlug, projectSlug, "sessions");
  const { active, ended } = await listGrants(access);
  const ref = { orgSlug: access.orgAccess.org.slug, projectSlug: access.project.slug };
  const base = `/orgs/${ref.orgSlug}/projects/${ref.projectSlug}/access-requests`;
  const now = requestTime();
  const account = (grant: GrantListItem) => (
    <td>
      {access.can("access-request:create") ? (
        <Link href={`${base}/${grant.id}`} className="font-mono font-medium text-brand-700 hover:underline">
          {grant.accountName}
        </Link>
      ) : (
        <span className="font-mono font-medium">{grant.accountName}</span>
      )}
      <span className="block text-xs text-slate-600">
        on {grant.resourceName} as <span className="font-mono">{grant.loginRole}</span>
      </span>
      {grant.breakGlass ? <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800">Break-glass</span> : null}
    </td>
  );
  return (
    <section aria-labelledby="sessions-heading" className="flex flex-col gap-6">
      <PageHeader
        id="sessions-heading"
        title="Grants and sessions"
        description="Who holds a database login now and until when, and the connections seen for each (sampled every few seconds: only what was observed)."
      />
      <section aria-labelledby="active-heading" className="flex flex-col gap-2">
        <h2 id="active-heading" className="text-lg font-semibold">
          Active
        </h2>
        <DataTable columns={["Account", "Holder", "Time left", "Sessions"]} empty={active.length === 0 ? "Nobody holds access right now." : null}>
          {active.map((grant) => (
            <tr key={grant.id} className="border-b border-slate-100 align-top last:border-0">
              {account(grant)}
              <td>{grant.requesterName ?? "A deleted account"}</td>
              <td>
                {grant.endRequestedAt ? "Being revoked" : formatDuration((grant.expiresAt.getTime() - now) / 1000)}
                <span className="block text-xs text-slate-600">until {time.format(grant.expiresAt)} UTC</span>
                {grant.teardownError ? <span className="block text-xs text-red-800">Retrying: {grant.teardownError}</span> : null}
              </td>
              <td>
                <Sessions grant={grant} />
              </td>
              <td>{grant.canRevoke && !grant.endRequestedAt ? <RevokeGrantButton {...ref} requestId={grant.id} loginRole={grant.loginRole} /> : null}</td>
            </tr>
          ))}
        </DataTable>
      </section>
      <section aria-labelledby="ended-heading" className="flex flex-col gap-2">
        <h2 id="ended-heading" className="text-lg font-semibold">
          Ended lately
        </h2>
        <DataTable columns={["Account", "Holder", "How it ended", "Sessions"]} empty={ended.length === 0 ? "No grant has ended yet." : null}>
          {ended.map((grant) => (
            <tr key={grant.id} className="border-b border-slate-100 align-top last:border-0">
              {account(grant)}
              <td>{grant.requesterName ?? "A deleted account"}</td>
              <td>
                {REQUEST_STATUS_LABELS[grant.status]}
                {grant.endedAt ? <span className="block text-xs text-slate-600">{time.format(grant.endedAt)} UTC</span> : null}
              </td>
              <td>
                <Sessions grant={grant} />
              </td>
              <td />
            </tr>
          ))}
        </DataTable>
      </section>
    </section>
  );
}
