import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { OrgSwitcher } from "@/components/orgs/org-switcher";
import { requireOrgAccess } from "@/lib/authz/org-access";
import { listMyOrgs } from "@/lib/orgs/list-my-orgs";

export default async function OrgLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ orgSlug: string }>;
}) {
  const { orgSlug } = await params;
  const { actor, org } = await requireOrgAccess(orgSlug);
  const orgs = await listMyOrgs(actor);
  return (
    <>
      <AppHeader actor={actor}>
        <OrgSwitcher orgs={orgs} currentSlug={org.slug} />
      </AppHeader>
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </>
  );
}
