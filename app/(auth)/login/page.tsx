import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { LoginForm } from "@/components/auth/login-form";
import { Card } from "@/components/ui/card";
import { getActor } from "@/lib/platform/authz/actor";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  if (await getActor()) redirect("/");
  return (
    <Card>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <Suspense>
        <LoginForm />
      </Suspense>
    </Card>
  );
}
