import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { AcceptInvitationButton, SignOutToSwitchAccount, SignUpWithInvitationForm } from "@/components/invitations/accept-invitation";
import { ProjectRolesList } from "@/components/invitations/project-roles-list";
import { Card } from "@/components/ui/card";
import { getActor } from "@/lib/authz/actor";
import { previewInvitation } from "@/lib/invitations/accept-invitation";
import { clientIp } from "@/lib/rate-limits/client-ip";
import { consumeRateLimit, describeRetry, RATE_LIMITS } from "@/lib/rate-limits/rate-limit";

export const metadata: Metadata = { title: "Invitation" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function Shell({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <p className="mb-6 text-center text-lg font-bold tracking-tight">Tessera</p>
        <Card>{children}</Card>
      </div>
    </main>
  );
}

/** Shows who invited whom to what before anything happens: opening the link consumes nothing. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const limit = await consumeRateLimit(RATE_LIMITS.invitationTokenPerIp, clientIp(await headers()));
  if (!limit.allowed) {
    return (
      <Shell>
        <h1 className="text-xl font-semibold">Too many attempts</h1>
        <p className="mt-2 text-sm text-slate-600">Try this link again {describeRetry(limit.retryAfterSeconds)}.</p>
      </Shell>
    );
  }
  const [preview, actor] = await Promise.all([previewInvitation(token), getActor()]);
  if (!preview || preview.status !== "pending") {
    return (
      <Shell>
        <h1 className="text-xl font-semibold">This invitation cannot be used</h1>
        <p className="mt-2 text-sm text-slate-600">
          The link has expired, been revoked or already been used. Ask the person who invited you for a new one.
        </p>
      </Shell>
    );
  }
  return (
    <Shell>
      <h1 className="text-xl font-semibold">Join {preview.orgName}</h1>
      <p className="mt-2 text-sm text-slate-600">
        {preview.inviterName ?? "An admin"} invited <strong>{preview.email}</strong> to join <strong>{preview.orgName}</strong> as{" "}
        <strong>{preview.roleLabel}</strong>. The invitation expires on {dateFormat.format(preview.expiresAt)} UTC.
      </p>
      <ProjectRolesList projectRoles={preview.projectRoles} />
      <div className="mt-6">
        {actor && actor.email === preview.email ? (
          <AcceptInvitationButton token={token} orgName={preview.orgName} />
        ) : actor ? (
          <div className="flex flex-col gap-3">
            <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              You are signed in as {actor.email}, but this invitation is for {preview.email}.
            </p>
            <SignOutToSwitchAccount token={token} />
          </div>
        ) : preview.accountExists ? (
          <Link
            href={`/login?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}
            className="inline-flex w-full justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            Sign in as {preview.email} to accept
          </Link>
        ) : (
          <SignUpWithInvitationForm token={token} email={preview.email} orgName={preview.orgName} />
        )}
      </div>
    </Shell>
  );
}
