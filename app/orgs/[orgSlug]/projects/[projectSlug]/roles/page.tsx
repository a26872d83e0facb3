import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RoleListView } from "@/components/roles/role-list-view";
import { requireProjectAccess } from "@/lib/platform/authz/project-access";
import { projectRoleScope } from "@/lib/platform/roles/scope";

export const metadata: Metadata = { title: "Project roles" };

export default async function ProjectRolesPage({ params }: { params: Promise<{ orgSlug: string; projectSlug: string }> }) {
  const { orgSlug, projectSlug } = await params;
  const access = await requireProjectAccess(orgSlug, projectSlug);
  if (!access.can("role:read")) notFound();
  return <RoleListView scope={projectRoleScope(access)} target={{ orgSlug, projectSlug }} title="Project roles" />;
}
