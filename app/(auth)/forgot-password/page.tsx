import type { Metadata } from "next";
import { connection } from "next/server";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { Card } from "@/components/ui/card";
import { mailConfigured } from "@/lib/platform/mail/send-mail";

export const metadata: Metadata = { title: "Forgot your password" };

export default async function ForgotPasswordPage() {
  // Whether mail is set up is read at run time, from this server's configuration.
  await connection();
  return (
    <Card>
      <h1 className="mb-4 text-xl font-semibold">Set a new password</h1>
      {mailConfigured() ? (
        <ForgotPasswordForm />
      ) : (
        <p className="text-sm text-slate-700">
          This Tessera server has no mail set up (SMTP_URL), so it cannot send reset links. Ask whoever runs it to reset your password.
        </p>
      )}
    </Card>
  );
}
