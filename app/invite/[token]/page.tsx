import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { SignOutToSwitchAccount, SignUpWithInvitationForm } from "@/components/invitations/accept-invitation";
import { ProjectRolesList } from "@/components/invitations/project-roles-list";
import { InvitationShell, TooManyAttempts } from "@/components/invitations/invitation-shell";
import { getActor } from "@/lib/platform/authz/actor";
import { previewInvitation } from "@/lib/platform/invitations/accept-invitation";
import { clientIp } from "@/lib/platform/rate-limits/client-ip";
import { consumeRateLimit, describeRetry, RATE_LIMITS } from "@/lib/platform/rate-limits/rate-limit";
import { JoinOrgButton } from "@/components/invitations/join-org-button";

export const metadata: Metadata = { title: "Invitation" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Shows who invited whom to what before anything happens: opening the link consumes nothing. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const limit = await consumeRateLimit(RATE_LIMITS.invitationTokenPerIp, clientIp(await headers()));
  if (!limit.allowed) {
    return <TooManyAttempts retry={describeRetry(limit.retryAfterSeconds)} />;
  }
  const [preview, actor] = await Promise.all([previewInvitation(token), getActor()]);
  if (!preview || preview.status !== "pending" || preview.creatorLapsed) {
    return (
      <InvitationShell>
        <h1 className="text-xl font-semibold">This invitation cannot be used</h1>
        <p className="mt-2 text-sm text-slate-600">
          {preview?.creatorLapsed && preview.status === "pending"
            ? `The person who invited you can no longer grant what it offers. Ask an admin of ${preview.orgName} for a new invitation.`
            : "The link has expired, been revoked or already been used. Ask the person who invited you for a new one."}
        </p>
      </InvitationShell>
    );
  }
  return (
    <InvitationShell>
      <h1 className="text-xl font-semibold">Join {preview.orgName}</h1>
      <p className="mt-2 text-sm text-slate-600">
        {preview.inviterName ?? "An admin"} invited <strong>{preview.email}</strong> to join <strong>{preview.orgName}</strong> as{" "}
        <strong>{preview.roleLabel}</strong>. The invitation expires on {dateFormat.format(preview.expiresAt)} UTC.
      </p>
      <ProjectRolesList projectRoles={preview.projectRoles} />
      <div className="mt-6">
        {actor && actor.email === preview.email ? (
          <JoinOrgButton via="invitation" token={token} orgName={preview.orgName} />
        ) : actor ? (
          <div className="flex flex-col gap-3">
            <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              You are signed in as {actor.email}, but this invitation is for {preview.email}.
            </p>
            <SignOutToSwitchAccount returnTo={`/invite/${token}`} />
          </div>
        ) : preview.accountExists ? (
          <Link
            href={`/login?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}
            className="inline-flex w-full justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Sign in as {preview.email} to accept
          </Link>
        ) : (
          <SignUpWithInvitationForm token={token} email={preview.email} orgName={preview.orgName} />
        )}
      </div>
    </InvitationShell>
  );
}
