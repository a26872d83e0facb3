import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/signup-form";
import { Card } from "@/components/ui/card";
import { getActor } from "@/lib/platform/authz/actor";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await getActor()) redirect("/");
  return (
    <Card>
      <h1 className="mb-4 text-xl font-semibold">Create your account</h1>
      <SignUpForm />
    </Card>
  );
}
