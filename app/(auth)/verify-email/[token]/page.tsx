import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmEmailButton } from "@/components/auth/confirm-email-button";
import { Card } from "@/components/ui/card";
import { previewEmailConfirmation } from "@/lib/platform/auth/email-verification";

export const metadata: Metadata = { title: "Confirm your email address" };

type Props = { params: Promise<{ token: string }> };

/** Opening the link changes nothing (mail scanners open links too); the button confirms. */
export default async function VerifyEmailPage({ params }: Props) {
  const { token } = await params;
  const preview = await previewEmailConfirmation(token);
  return (
    <Card>
      <h1 className="mb-4 text-xl font-semibold">Confirm your email address</h1>
      {preview ? (
        <ConfirmEmailButton token={token} email={preview.email} />
      ) : (
        <p className="text-sm text-slate-700">
          This confirmation link is no longer valid: it has expired or was already used.{" "}
          <Link href="/login" className="text-brand-600 underline">
            Sign in
          </Link>{" "}
          and we will send a new one.
        </p>
      )}
    </Card>
  );
}
