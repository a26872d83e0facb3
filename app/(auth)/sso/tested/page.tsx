import type { Metadata } from "next";
import { CloseWindowButton } from "@/components/auth/close-window-button";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Single sign-on works" };

/** Where an admin's test sign-in ends (in the popup the settings page opened). */
export default function SsoTestedPage() {
  return (
    <Card>
      <h1 className="mb-2 text-xl font-semibold">Single sign-on works</h1>
      <p role="status" className="text-sm text-slate-700">
        The provider signed you in and Tessera verified its answer. If it vouched for your own email address, your account is now linked to it too. Close this
        window and turn single sign-on on.
      </p>
      <div className="mt-4">
        <CloseWindowButton />
      </div>
    </Card>
  );
}
