import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RoleEditorView } from "@/components/roles/role-editor-view";
import { requireOrgAccess } from "@/lib/platform/authz/org-page";
import { orgRoleScope } from "@/lib/platform/roles/scope";

export const metadata: Metadata = { title: "Role" };

export default async function OrgRolePage({ params }: { params: Promise<{ orgSlug: string; roleSlug: string }> }) {
  const { orgSlug, roleSlug } = await params;
  const access = await requireOrgAccess(orgSlug);
  if (!access.can("role:read")) notFound();
  return (
    <RoleEditorView scope={orgRoleScope(access)} target={{ orgSlug: access.org.slug }} roleSlug={roleSlug} membersHref={`/orgs/${access.org.slug}/members`} />
  );
}
