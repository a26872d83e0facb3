import { ProjectSwitcher } from "@/components/projects/project-switcher";
import { projectAccessOfRequest } from "@/lib/platform/authz/project-access";

/**
 * The header's project switcher on every page of a project, named after the open project.
 * Its access is the project layout's own load (the same cached statement of this request):
 * a project the person may not see shows no switcher, and the page itself answers for it.
 */
export default async function ProjectSwitcherSlot({ params }: { params: Promise<{ orgSlug: string; projectSlug: string }> }) {
  const { orgSlug, projectSlug } = await params;
  const access = (await projectAccessOfRequest(orgSlug, projectSlug))?.access;
  if (!access) return null;
  const { project } = access;
  return (
    <ProjectSwitcher
      orgSlug={access.orgAccess.org.slug}
      current={{ id: project.id, name: project.name, slug: project.slug, type: project.type }}
      canCreate={access.orgAccess.can("project:create")}
    />
  );
}
