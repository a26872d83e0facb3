import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { HeadingFocus } from "@/components/layout/heading-focus";
import { OrgNav } from "@/components/orgs/org-nav";
import { OrgSwitcher } from "@/components/orgs/org-switcher";
import { requireOrgPage } from "@/lib/platform/authz/org-page";

export default async function OrgLayout({
  children,
  projectSwitcher,
  params,
}: {
  children: ReactNode;
  /** On a project's pages, the switcher named after the open project (./@projectSwitcher). */
  projectSwitcher: ReactNode;
  params: Promise<{ orgSlug: string }>;
}) {
  const { orgSlug } = await params;
  // Everyone asks for roles and may be named to approve them: the badge is every member's.
  const { access, myOrgs, roleRequestsAwaiting: awaiting } = await requireOrgPage(orgSlug);
  const { actor, org } = access;
  const sections = [
    { segment: "", label: "Projects" },
    {
      segment: "access-requests",
      label: "Access requests",
      badge: { count: awaiting, label: awaiting === 1 ? "request waits for you" : "requests wait for you" },
    },
    ...(access.can("member:read") ? [{ segment: "members", label: "Members" }] : []),
    ...(access.can("group:read") ? [{ segment: "groups", label: "Groups" }] : []),
    ...(access.can("identity:read") ? [{ segment: "identities", label: "Identities" }] : []),
    ...(access.can("role:read") ? [{ segment: "roles", label: "Roles" }] : []),
    ...(access.can("audit-log:read") ? [{ segment: "audit-log", label: "Audit log" }] : []),
    ...(access.can("billing:read") ? [{ segment: "billing", label: "Billing" }] : []),
    ...(access.can("organization:read") ? [{ segment: "settings", label: "Settings" }] : []),
  ];
  return (
    <>
      <AppHeader actor={actor}>
        <OrgSwitcher orgs={myOrgs} currentSlug={org.slug} />
        {projectSwitcher}
      </AppHeader>
      <OrgNav orgSlug={org.slug} items={sections} />
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
      <HeadingFocus />
    </>
  );
}
