import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { OrgNav } from "@/components/orgs/org-nav";
import { OrgSwitcher } from "@/components/orgs/org-switcher";
import { ProjectSwitcher } from "@/components/projects/project-switcher";
import { requireOrgAccess } from "@/lib/authz/org-access";
import { listMyOrgs } from "@/lib/orgs/list-my-orgs";
import { listProjects } from "@/lib/projects/list-projects";

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
  const [orgs, myProjects] = await Promise.all([listMyOrgs(actor), listProjects(access, { scope: "mine" })]);
  const sections = [
    { segment: "", label: "Projects" },
    ...(access.can("member:read") ? [{ segment: "members", label: "Members" }] : []),
    ...(access.can("role:read") ? [{ segment: "roles", label: "Roles" }] : []),
    ...(access.can("audit-log:read") ? [{ segment: "audit-log", label: "Audit log" }] : []),
    ...(access.can("organization:read") ? [{ segment: "settings", label: "Settings" }] : []),
  ];
  return (
    <>
      <AppHeader actor={actor}>
        <OrgSwitcher orgs={orgs} currentSlug={org.slug} />
        <ProjectSwitcher orgSlug={org.slug} projects={myProjects.items} />
      </AppHeader>
      <OrgNav orgSlug={org.slug} items={sections} />
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </>
  );
}
