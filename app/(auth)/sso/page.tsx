import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { SsoStartForm } from "@/components/auth/sso-start-form";
import { isSsoRefusal, SSO_REFUSALS } from "@/lib/platform/sso/messages";

export const metadata: Metadata = { title: "Single sign-on" };

/** Sign in through one's organization's identity provider; the email's domain finds the organization. */
export default async function SsoPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { error, org } = await searchParams;
  const requiredBy = typeof org === "string" && /^[a-z0-9-]{1,64}$/.test(org) ? org : null;
  return (
    <Card>
      <h1 className="mb-4 text-xl font-semibold">Sign in with single sign-on</h1>
      {requiredBy ? (
        <div role="alert" className="mb-4 flex flex-col gap-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p>
            The organization <span className="font-mono">{requiredBy}</span> requires single sign-on. Sign in through its identity provider to open it.
          </p>
          {/* A link, not a form: the browser goes on to the provider by a plain navigation. */}
          <a href={`/api/sso/start?org=${requiredBy}`} className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Continue with {requiredBy}&apos;s provider
          </a>
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
