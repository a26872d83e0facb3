import type { Metadata } from "next";
import Link from "next/link";
import { AppHeader } from "@/components/layout/app-header";
import { CreateOrgForm } from "@/components/orgs/create-org-form";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/platform/authz/actor";

export const metadata: Metadata = { title: "New organization" };

export default async function NewOrgPage() {
  const actor = await requireActor();
  return (
    <>
      <AppHeader actor={actor}>
        <Link href="/" className="text-sm text-slate-600 hover:text-slate-900">
          Back to my organizations
        </Link>
      </AppHeader>
      <main className="mx-auto max-w-md px-4 py-10">
        <Card>
          <h1 className="mb-4 text-xl font-semibold">Create an organization</h1>
          <CreateOrgForm />
        </Card>
      </main>
    </>
  );
}
