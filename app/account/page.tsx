import type { Metadata } from "next";
import Link from "next/link";
import { DeleteAccount } from "@/components/auth/delete-account";
import { SignOutEverywhere } from "@/components/auth/sign-out-everywhere";
import { AppHeader } from "@/components/layout/app-header";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/authz/actor";
import { orgsBlockingAccountDeletion } from "@/lib/users/delete-account";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const actor = await requireActor();
  const blocking = await orgsBlockingAccountDeletion(actor);
  return (
    <>
      <AppHeader actor={actor}>
        <Link href="/" className="text-sm text-slate-600 hover:text-slate-900">
          Back to my organizations
        </Link>
      </AppHeader>
      <main className="mx-auto flex max-w-2xl flex-col gap-6 px-4 py-10">
        <h1 className="text-2xl font-semibold">Account</h1>
        <Card>
          <h2 className="text-base font-semibold">Profile</h2>
          <dl className="mt-3 grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
            <dt className="text-slate-500">Name</dt>
            <dd>{actor.name}</dd>
            <dt className="text-slate-500">Email</dt>
            <dd>{actor.email}</dd>
          </dl>
        </Card>
        <Card>
          <h2 className="text-base font-semibold">Sessions</h2>
          <p className="mt-1 text-sm text-slate-600">
            Signed in on a computer you no longer use, or lost a device? Sign out everywhere ends every session at
            once, this one included.
          </p>
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
