import type { Metadata } from "next";
import Link from "next/link";
import { DeleteAccount } from "@/components/auth/delete-account";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { RenameSelfForm } from "@/components/auth/rename-self-form";
import { SessionList } from "@/components/auth/session-list";
import { SignOutEverywhere } from "@/components/auth/sign-out-everywhere";
import { AppHeader } from "@/components/layout/app-header";
import { Card } from "@/components/ui/card";
import { TwoFactorCard } from "@/components/auth/two-factor-card";
import { pendingTotpEnrolment } from "@/lib/platform/auth/totp";
import { twoFactorStatus } from "@/lib/platform/auth/two-factor";
import { requireActor } from "@/lib/platform/authz/actor";
import { env } from "@/lib/platform/env";
import { getSessionClaims } from "@/lib/platform/auth/session";
import { describeDevice } from "@/lib/platform/auth/describe-device";
import { listSessions } from "@/lib/platform/auth/sessions";
import { orgsBlockingAccountDeletion, projectsBlockingAccountDeletion } from "@/lib/platform/users/delete-account";
import { emailVerificationRequired } from "@/lib/platform/auth/email-verification";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const requiredBy = (await searchParams)["two-factor-required"];
  const [blocking, blockingProjects, sessions, twoFactor, pendingEnrolment] = await Promise.all([
    orgsBlockingAccountDeletion(actor),
    projectsBlockingAccountDeletion(actor),
    getSessionClaims().then((claims) => listSessions(actor, claims?.sessionId ?? null)),
    twoFactorStatus(actor),
    pendingTotpEnrolment(actor),
  ]);
  return (
    <>
      <AppHeader actor={actor}>
        <Link href="/" className="text-sm text-slate-600 hover:text-slate-900">
          Back to my organizations
        </Link>
      </AppHeader>
      <main className="mx-auto flex max-w-2xl flex-col gap-6 px-4 py-10">
        <h1 className="text-2xl font-semibold">Account</h1>
        {typeof requiredBy === "string" && !twoFactor.enabled ? (
          <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            The organization <span className="font-mono">{requiredBy}</span> requires two-factor sign-in. Set it up below to open it.
          </p>
        ) : null}
        <Card>
          <h2 className="text-base font-semibold">Profile</h2>
          <RenameSelfForm name={actor.name} />
          <dl className="mt-4 grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
            <dt className="text-slate-500">Email</dt>
            <dd>
              {actor.email}
              <span className="block text-xs text-slate-500">
                {emailVerificationRequired()
                  ? "Confirmed by mail."
                  : "Not confirmed: this server has no mail set up (SMTP_URL), so addresses are not verified."}
              </span>
            </dd>
          </dl>
        </Card>
        <Card>
          <h2 className="text-base font-semibold">Password</h2>
          <ChangePasswordForm />
        </Card>
        <Card>
          <h2 className="text-base font-semibold">Two-factor sign-in</h2>
          <TwoFactorCard
            totp={twoFactor.totp}
            passkeys={twoFactor.passkeys.map((passkey) => ({
              id: passkey.id,
              name: passkey.name,
              createdAt: passkey.createdAt.toISOString(),
              lastUsedAt: passkey.lastUsedAt?.toISOString() ?? null,
            }))}
            recoveryCodesLeft={twoFactor.recoveryCodesLeft}
            pending={pendingEnrolment ? { secret: pendingEnrolment.secret, qrSvg: pendingEnrolment.qrSvg } : null}
          />
        </Card>
        <Card>
          <h2 className="text-base font-semibold">Sessions</h2>
          <p className="mt-1 text-sm text-slate-600">
            Where you are signed in. A session ends after {env().SESSION_IDLE_MINUTES} minutes without use, and {env().SESSION_MAX_HOURS} hours after signing in
            in any case. Lost a device? Sign it out here, or sign out everywhere, this session included.
          </p>
          <SessionList
            rows={sessions.map((session) => ({
              id: session.id,
              current: session.current,
              device: describeDevice(session.userAgent),
              ipAddress: session.ipAddress,
              lastSeenAt: session.lastSeenAt.toISOString(),
              createdAt: session.createdAt.toISOString(),
            }))}
          />
          <div className="mt-4">
            <SignOutEverywhere />
          </div>
        </Card>
        <Card className="border-red-200">
          <h2 className="text-base font-semibold text-red-800">Delete account</h2>
          {blocking.length > 0 ? (
            <div role="note" className="mt-2 text-sm text-slate-700">
              <p>You are the last Admin of these organizations. Make someone else an Admin there, or delete them, first:</p>
              <ul className="mt-1 list-disc pl-5">
                {blocking.map((org) => (
                  <li key={org.slug}>
                    <Link href={`/orgs/${org.slug}/members`} className="underline">
                      {org.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : blockingProjects.length > 0 ? (
            <p role="note" className="mt-2 text-sm text-slate-700">
              You are the only Admin of {blockingProjects.map((project) => project.name).join(", ")}. Make someone else{" "}
              {blockingProjects.length === 1 ? "its" : "their"} Admin first.
            </p>
          ) : (
            <>
              <p className="mt-1 text-sm text-slate-600">You leave every organization and project, and your account is deleted for good.</p>
              <div className="mt-4">
                <DeleteAccount />
              </div>
            </>
          )}
        </Card>
      </main>
    </>
  );
}
