import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { Card } from "@/components/ui/card";
import { previewPasswordReset } from "@/lib/platform/users/password-reset";

export const metadata: Metadata = { title: "Set a new password" };

type Props = { params: Promise<{ token: string }> };

export default async function ResetPasswordPage({ params }: Props) {
  const { token } = await params;
  const preview = await previewPasswordReset(token);
  return (
    <Card>
      <h1 className="mb-4 text-xl font-semibold">{preview?.claim ? "Claim your email address" : "Set a new password"}</h1>
      {preview ? (
        <ResetPasswordForm token={token} email={preview.email} claim={preview.claim} />
      ) : (
        <p className="text-sm text-slate-700">
          This link is no longer valid: it has expired or was already used.{" "}
          <Link href="/forgot-password" className="text-brand-600 underline">
            Ask for a new one
          </Link>
          .
        </p>
      )}
    </Card>
  );
}
