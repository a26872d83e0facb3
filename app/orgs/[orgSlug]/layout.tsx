import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { OrgNav } from "@/components/orgs/org-nav";
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
  const access = await requireOrgAccess(orgSlug);
  const { actor, org } = access;
  const orgs = await listMyOrgs(actor);
  const sections = [
    { segment: "", label: "Projects" },
    ...(access.can("member:read") ? [{ segment: "members", label: "Members" }] : []),
  ];
  return (
    <>
      <AppHeader actor={actor}>
        <OrgSwitcher orgs={orgs} currentSlug={org.slug} />
      </AppHeader>
      <OrgNav orgSlug={org.slug} items={sections} />
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </>
  );
}
