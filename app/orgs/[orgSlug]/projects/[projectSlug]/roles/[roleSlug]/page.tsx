import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RoleEditorView } from "@/components/roles/role-editor-view";
import { requireProjectAccess } from "@/lib/platform/authz/project-access";
import { projectRoleScope } from "@/lib/platform/roles/scope";
import { roleConditionValues } from "@/lib/platform/roles/condition-values";

export const metadata: Metadata = { title: "Project role" };

export default async function ProjectRolePage({ params }: { params: Promise<{ orgSlug: string; projectSlug: string; roleSlug: string }> }) {
  const { orgSlug, projectSlug, roleSlug } = await params;
  const access = await requireProjectAccess(orgSlug, projectSlug);
  if (!access.can("role:read")) notFound();
  return (
    <RoleEditorView
      scope={projectRoleScope(access)}
      target={{ orgSlug, projectSlug }}
      roleSlug={roleSlug}
      productType={access.project.type}
      conditionValues={await roleConditionValues(access)}
      membersHref={`/orgs/${orgSlug}/projects/${projectSlug}/members`}
    />
  );
}
