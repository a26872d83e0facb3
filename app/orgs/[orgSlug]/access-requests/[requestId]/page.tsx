import type { Metadata } from "next";
import Link from "next/link";
import { DecisionList } from "@/components/approvals/decision-list";
import { PageHeader } from "@/components/layout/page-header";
import { DecideRoleRequestForm, EndMyRequestButton, EndRoleGrantButton } from "@/components/role-requests/request-controls";
import { requireOrgAccess } from "@/lib/platform/authz/org-page";
import { formatDuration } from "@/lib/platform/format-duration";
import { orNotFound } from "@/lib/platform/projects/or-not-found";
import { requestTime } from "@/lib/platform/request-time";
import { getRoleRequest } from "@/lib/platform/role-requests/get-request";
import { ROLE_REQUEST_STATUS_LABELS } from "@/lib/platform/role-requests/vocabulary";

type Props = { params: Promise<{ orgSlug: string; requestId: string }> };

export const metadata: Metadata = { title: "Access request" };

const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function AccessRequestPage({ params }: Props) {
  const { orgSlug, requestId } = await params;
  const access = await requireOrgAccess(orgSlug);
  const request = await orNotFound(getRoleRequest(access, { orgSlug, requestId }));
  const now = requestTime();
  const requesterName = request.requester?.name ?? "A deleted account";
  const rows: Array<[string, string]> = [
    ["Requester", request.requester ? `${request.requester.name} (${request.requester.email})` : requesterName],
    ["Project", request.project.name],
    ["Role", request.roleName],
    ["For", formatDuration(request.durationMinutes * 60)],
    ["Reason", request.reason],
    ["Policy", `${request.policyName}: ${request.requiredApprovals} approval${request.requiredApprovals === 1 ? "" : "s"}`],
    ["Asked", `${time.format(request.createdAt)} UTC`],
  ];
  if (request.grantedAt) rows.push(["Granted", `${time.format(request.grantedAt)} UTC`]);
  if (request.expiresAt && request.status === "ACTIVE")
    rows.push(["Ends", `${time.format(request.expiresAt)} UTC, in ${formatDuration((request.expiresAt.getTime() - now) / 1000)}`]);
  if (request.status === "ENDED")
    rows.push([
      "Ended",
      `${time.format(request.endedAt ?? request.expiresAt ?? now)} UTC${request.endedBy ? `, by ${request.endedBy.name}` : ", at its time"}`,
    ]);
  return (
    <section aria-labelledby="request-heading" className="flex flex-col gap-6">
      <PageHeader
        id="request-heading"
        back={{ href: `/orgs/${orgSlug}/access-requests`, label: "Access requests" }}
        title={`${request.roleName} in ${request.project.name}`}
        description={
          <>
            {request.breakGlass ? <span className="mr-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800">Break-glass</span> : null}
            <span className="font-medium">{ROLE_REQUEST_STATUS_LABELS[request.status]}</span>
          </>
        }
      />
      <dl className="grid max-w-3xl grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-slate-600">{term}</dt>
            <dd className="break-words">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="flex flex-wrap gap-2">
        {request.mine && (request.status === "PENDING" || request.canEnd) ? (
          <EndMyRequestButton orgSlug={orgSlug} requestId={request.id} waiting={request.status === "PENDING"} roleName={request.roleName} />
        ) : null}
        {!request.mine && request.canEnd ? (
          <EndRoleGrantButton
            orgSlug={orgSlug}
            projectSlug={request.project.slug}
            requestId={request.id}
            roleName={request.roleName}
            requesterName={requesterName}
          />
        ) : null}
      </div>
      <section aria-labelledby="decisions-heading" className="flex flex-col gap-2">
        <h2 id="decisions-heading" className="text-lg font-semibold">
          Decisions
        </h2>
        <DecisionList decisions={request.decisions} breakGlass={request.breakGlass} />
        {request.seenAsOverseer && request.status === "PENDING" ? (
          <p className="text-sm text-slate-600">
            You may see every project of the organization but do not approve requests in {request.project.name}. To decide,{" "}
            <Link className="text-brand-700 underline" href={`/orgs/${orgSlug}/projects/${request.project.slug}`}>
              gain access to the project
            </Link>{" "}
            first (recorded, and its Admins are told).
          </p>
        ) : null}
        {request.canDecide ? <DecideRoleRequestForm orgSlug={orgSlug} projectSlug={request.project.slug} requestId={request.id} /> : null}
        {request.mine && request.status === "PENDING" ? (
          <p className="text-sm text-slate-600">Another approver must decide: nobody approves their own request.</p>
        ) : null}
      </section>
    </section>
  );
}
