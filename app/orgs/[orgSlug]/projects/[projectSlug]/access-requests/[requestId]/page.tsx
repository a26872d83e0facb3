import type { Metadata } from "next";
import { CancelRequestButton, DecideRequestForm, RevealCredentials } from "@/components/products/pam/request-controls";
import { RevokeGrantButton } from "@/components/products/pam/row-buttons";
import { formatDuration } from "@/lib/platform/format-duration";
import { getRequest } from "@/lib/products/pam/requests/get-request";
import { REQUEST_STATUS_LABELS } from "@/lib/products/pam/vocabulary";
import { orNotFound } from "@/lib/platform/projects/or-not-found";
import { requireProjectSection } from "@/lib/platform/projects/require-section";
import { requestTime } from "@/lib/platform/request-time";
import { DecisionList } from "@/components/approvals/decision-list";
import { PageHeader } from "@/components/layout/page-header";

type Props = { params: Promise<{ orgSlug: string; projectSlug: string; requestId: string }> };

export const metadata: Metadata = { title: "Access request" };

const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function AccessRequestPage({ params }: Props) {
  const { orgSlug, projectSlug, requestId } = await params;
  const { access } = await requireProjectSection(orgSlug, projectSlug, "access-requests");
  const request = await orNotFound(getRequest(access, { orgSlug, projectSlug, requestId }));
  const ref = { orgSlug: access.orgAccess.org.slug, projectSlug: access.project.slug, requestId: request.id };
  const now = requestTime();
  const rows: Array<[string, string]> = [
    ["Requester", request.requester ? `${request.requester.name} (${request.requester.email})` : "A deleted account"],
    ["Database", `${request.account.resource.name} (${request.account.resource.host}:${request.account.resource.port}/${request.account.resource.database})`],
    ["Duration", `${request.durationMinutes} minutes`],
    ["Reason", request.reason || "None given"],
    ["Policy", `${request.policyName}: ${request.requiredApprovals} approval${request.requiredApprovals === 1 ? "" : "s"}`],
    ["Asked", `${time.format(request.createdAt)} UTC`],
    ...(request.loginRole ? ([["Login", request.loginRole]] as Array<[string, string]>) : []),
    ...(request.grantedAt ? ([["Granted", `${time.format(request.grantedAt)} UTC`]] as Array<[string, string]>) : []),
    ...(request.expiresAt
      ? ([
          [
            request.status === "ACTIVE" ? "Ends" : "Was to end",
            `${time.format(request.expiresAt)} UTC${request.status === "ACTIVE" ? `, in ${formatDuration((request.expiresAt.getTime() - now) / 1000)}` : ""}`,
          ],
        ] as Array<[string, string]>)
      : []),
    ...(request.endedAt ? ([["Ended", `${time.format(request.endedAt)} UTC`]] as Array<[string, string]>) : []),
  ];
  return (
    <section aria-labelledby="request-heading" className="flex flex-col gap-6">
      <PageHeader
        id="request-heading"
        back={{ href: `/orgs/${ref.orgSlug}/projects/${ref.projectSlug}/access-requests`, label: "Access requests" }}
        title={
          <>
            <span className="font-mono">{request.account.name}</span> on {request.account.resource.name}
          </>
        }
        description={
          <>
            {request.breakGlass ? <span className="mr-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800">Break-glass</span> : null}
            <span className="font-medium">{REQUEST_STATUS_LABELS[request.status]}</span>
            {request.status === "ACTIVE" && request.endRequestedAt ? " — being revoked" : null}
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
      {request.teardownError ? (
        <p role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800">
          Taking the login away failed: {request.teardownError} Tessera retries every few seconds.
        </p>
      ) : null}
      {request.credentialsWaiting ? <RevealCredentials {...ref} /> : null}
      {request.mine && request.status === "ACTIVE" && !request.credentialsWaiting ? (
        <p className="text-sm text-slate-600">
          The connection details were shown once{request.credentialsShownAt ? ` on ${time.format(request.credentialsShownAt)} UTC` : ""} and are not kept.
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {request.mine && request.status === "PENDING" ? <CancelRequestButton {...ref} /> : null}
        {request.canRevoke && request.loginRole ? <RevokeGrantButton {...ref} loginRole={request.loginRole} /> : null}
      </div>
      <section aria-labelledby="approvals-heading" className="flex flex-col gap-2">
        <h2 id="approvals-heading" className="text-lg font-semibold">
          Decisions
        </h2>
        <DecisionList decisions={request.approvals} breakGlass={request.breakGlass} />
        {request.canDecide ? <DecideRequestForm {...ref} /> : null}
        {request.mine && request.status === "PENDING" ? (
          <p className="text-sm text-slate-600">Another approver must decide: nobody approves their own request.</p>
        ) : null}
      </section>
      {request.grantedAt ? (
        <section aria-labelledby="sessions-heading" className="flex flex-col gap-2">
          <h2 id="sessions-heading" className="text-lg font-semibold">
            Sessions seen
          </h2>
          {request.sessions.length === 0 ? (
            <p className="text-sm text-slate-600">No connection of this login has been seen. Connections are sampled every few seconds.</p>
          ) : (
            <ul className="flex flex-col gap-1 text-sm">
              {request.sessions.map((session) => (
                <li key={`${session.pid}-${session.backendStart.toISOString()}`}>
                  Process {session.pid} from {session.clientAddress ?? "an address the broker may not see"}, connected {time.format(session.backendStart)} UTC,{" "}
                  {session.goneAt ? `gone by ${time.format(session.goneAt)} UTC` : `last seen ${time.format(session.lastSeenAt)} UTC`}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </section>
  );
}
