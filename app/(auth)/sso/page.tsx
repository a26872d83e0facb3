import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { SsoStartForm } from "@/components/auth/sso-start-form";
import { isSsoRefusal, SSO_REFUSALS } from "@/lib/platform/sso/messages";

export const metadata: Metadata = { title: "Single sign-on" };

/** Sign in through one's organization's identity provider; the email's domain finds the organization. */
export default async function SsoPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const error = (await searchParams).error;
  return (
    <Card>
      <h1 className="mb-4 text-xl font-semibold">Sign in with single sign-on</h1>
      <SsoStartForm refusal={isSsoRefusal(error) ? SSO_REFUSALS[error] : undefined} />
      <p className="mt-4 text-center text-sm">
        <Link href="/login" className="text-brand-600 underline-offset-2 hover:underline">
          Sign in with a password instead
        </Link>
      </p>
    </Card>
  );
}
