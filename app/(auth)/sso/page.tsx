import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { SsoStartForm } from "@/components/auth/sso-start-form";
import { isSsoRefusal, SSO_REFUSALS } from "@/lib/platform/sso/messages";

export const metadata: Metadata = { title: "Single sign-on" };

/** Sign in through one's organization's identity provider; the email's domain finds the organization. */
export default async function SsoPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { error, org, required, linked } = await searchParams;
  const orgSlug = typeof org === "string" && /^[a-z0-9-]{1,64}$/.test(org) ? org : null;
  return (
    <Card>
      <h1 className="mb-4 text-xl font-semibold">Sign in with single sign-on</h1>
      {orgSlug ? (
        <div role={required ? "alert" : "region"} aria-label="Your organization" className="mb-4 flex flex-col gap-3 rounded-md bg-slate-50 px-3 py-2 text-sm">
          {linked ? <p className="text-green-800">Your account is now linked to {orgSlug}&apos;s identity provider. Sign in through it from now on.</p> : null}
          {required ? (
            <p className="text-amber-900">
              The organization <span className="font-mono">{orgSlug}</span> requires single sign-on. Sign in through its identity provider to open it.
            </p>
          ) : null}
          {/* Links, not forms: the browser goes on to the provider by a plain navigation. */}
          <a href={`/api/sso/start?org=${orgSlug}`} className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Continue with {orgSlug}&apos;s provider
          </a>
          {linked ? null : (
            <p>
              Have a password account here already? Signed in with it,{" "}
              <a href={`/api/sso/start?link=${orgSlug}`} className="text-brand-600 underline">
                link it to {orgSlug}&apos;s provider
              </a>{" "}
              (the provider must know you by the same email).
            </p>
          )}
        </div>
      ) : null}
      <SsoStartForm refusal={isSsoRefusal(error) ? SSO_REFUSALS[error] : undefined} />
      <p className="mt-4 text-center text-sm">
        <Link href="/login" className="text-brand-600 underline-offset-2 hover:underline">
          Sign in with a password instead
        </Link>
      </p>
    </Card>
  );
}
