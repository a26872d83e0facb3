import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RoleListView } from "@/components/roles/role-list-view";
import { requireOrgAccess } from "@/lib/platform/authz/org-page";
import { orgRoleScope } from "@/lib/platform/roles/scope";

export const metadata: Metadata = { title: "Roles" };

export default async function OrgRolesPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const access = await requireOrgAccess((await params).orgSlug);
  if (!access.can("role:read")) notFound();
  return <RoleListView scope={orgRoleScope(access)} target={{ orgSlug: access.org.slug }} title="Organization roles" />;
}
