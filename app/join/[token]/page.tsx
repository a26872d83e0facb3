import type { Metadata } from "next";
import { headers } from "next/headers";
import { SignOutToSwitchAccount } from "@/components/invitations/accept-invitation";
import { InvitationShell, TooManyAttempts } from "@/components/invitations/invitation-shell";
import { ProjectRolesList } from "@/components/invitations/project-roles-list";
import { SignUpWithLinkForm } from "@/components/invite-links/join-with-link";
import { getActor } from "@/lib/platform/authz/actor";
import { previewInviteLink } from "@/lib/platform/invite-links/join-with-link";
import { clientIp } from "@/lib/platform/rate-limits/client-ip";
import { consumeRateLimit, describeRetry, RATE_LIMITS } from "@/lib/platform/rate-limits/rate-limit";
import { JoinOrgButton } from "@/components/invitations/join-org-button";

export const metadata: Metadata = { title: "Join" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** A shared invite link: what joining gives, before anything happens. Opening it uses nothing. */
export default async function JoinPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const limit = await consumeRateLimit(RATE_LIMITS.invitationTokenPerIp, clientIp(await headers()));
  if (!limit.allowed) return <TooManyAttempts retry={describeRetry(limit.retryAfterSeconds)} />;
  const [preview, actor] = await Promise.all([previewInviteLink(token), getActor()]);
  if (!preview?.usable) {
    return (
      <InvitationShell>
        <h1 className="text-xl font-semibold">This invite link cannot be used</h1>
        <p className="mt-2 text-sm text-slate-600">
          {preview?.creatorLapsed
            ? `The person who made it can no longer grant what it offers. Ask an admin of ${preview.orgName} for a new one.`
            : "It has expired, been revoked or been used as many times as it allows. Ask the person who shared it for a new one."}
        </p>
      </InvitationShell>
    );
  }
  const domainMismatch = actor && preview.allowedDomain && !actor.email.endsWith(`@${preview.allowedDomain}`);
  return (
    <InvitationShell>
      <h1 className="text-xl font-semibold">Join {preview.orgName}</h1>
      <p className="mt-2 text-sm text-slate-600">
        {preview.inviterName ?? "An admin"} shared this link to join <strong>{preview.orgName}</strong> as <strong>{preview.roleLabel}</strong>
        {preview.allowedDomain ? (
          <>
            , for <strong>@{preview.allowedDomain}</strong> addresses
          </>
        ) : null}
        . It works until {dateFormat.format(preview.expiresAt)} UTC.
      </p>
      <ProjectRolesList projectRoles={preview.projectRoles} />
      <div className="mt-6">
        {actor && !domainMismatch ? (
          <div className="flex flex-col gap-3">
            <p className="text-sm text-slate-700">
              You will join as <strong>{actor.name}</strong> ({actor.email}).
            </p>
            <JoinOrgButton via="link" token={token} orgName={preview.orgName} />
            <SignOutToSwitchAccount returnTo={`/join/${token}`} label={`Not ${actor.name}? Sign out, then use another account`} />
          </div>
        ) : actor ? (
          <div className="flex flex-col gap-3">
            <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              You are signed in as {actor.email}, but this link is only for @{preview.allowedDomain} addresses.
            </p>
            <SignOutToSwitchAccount returnTo={`/join/${token}`} label="Sign out, then use another account" />
          </div>
        ) : (
          <SignUpWithLinkForm token={token} orgName={preview.orgName} allowedDomain={preview.allowedDomain} />
        )}
      </div>
    </InvitationShell>
  );
}
