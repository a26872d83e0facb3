import type { Metadata } from "next";
import { AppHeader } from "@/components/layout/app-header";
import { CreateOrgForm } from "@/components/orgs/create-org-form";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/platform/authz/actor";

export const metadata: Metadata = { title: "Create your organization" };

export default async function OnboardingPage() {
  const actor = await requireActor();
  return (
    <>
      <AppHeader actor={actor} />
      <main className="mx-auto max-w-md px-4 py-12">
        <Card>
          <h1 className="text-xl font-semibold">Welcome, {actor.name}</h1>
          <p className="mb-6 mt-1 text-sm text-slate-600">
            Create an organization for your team. It will hold your projects, members and billing, and you will be its admin.
          </p>
          <CreateOrgForm />
        </Card>
      </main>
    </>
  );
}
