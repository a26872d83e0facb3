import type { Metadata } from "next";
import { Suspense } from "react";
import { SsoComplete } from "@/components/auth/sso-complete";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Signing in" };

export default function SsoCompletePage() {
  return (
    <Card>
      <Suspense>
        <SsoComplete />
      </Suspense>
    </Card>
  );
}
