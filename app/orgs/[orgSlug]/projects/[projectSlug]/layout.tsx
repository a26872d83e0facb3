import type { ReactNode } from "react";
import { JoinAsAdminButton } from "@/components/projects/join-as-admin-button";
import { ProjectNav } from "@/components/projects/project-nav";
import { RequestRoleDialog } from "@/components/role-requests/request-role-dialog";
import { requireProjectAccess } from "@/lib/platform/authz/project-access";
import { countAwaitingMyDecision } from "@/lib/products/pam/requests/list-requests";
import { visibleSections } from "@/lib/platform/projects/navigation";

export default async function ProjectLayout({ children, params }: { children: ReactNode; params: Promise<{ orgSlug: string; projectSlug: string }> }) {
  const { orgSlug, projectSlug } = await params;
  const access = await requireProjectAccess(orgSlug, projectSlug);
  const { project, membership, orgAccess } = access;
  // PAM approvers see how many requests wait for them on every page of the project.
  const awaiting = await countAwaitingMyDecision(access);
  const sections = visibleSections(project.type, access.can).map(({ segment, label }) => ({
    segment,
    label,
    badge: segment === "access-requests" ? { count: awaiting, label: awaiting === 1 ? "request waits for you" : "requests wait for you" } : undefined,
  }));
  const baseHref = `/orgs/${orgAccess.org.slug}/projects/${project.slug}`;
  return (
    <div className="flex flex-col gap-6">
      {!membership ? (
        <div role="note" className="flex items-center justify-between gap-4 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <p>
            You can see this project because you may see every project in the organization, but you are not a member of it. Gaining access is recorded in the
            audit log and its Admins are told.
          </p>
          <JoinAsAdminButton orgSlug={orgAccess.org.slug} projectSlug={project.slug} projectName={project.name} />
        </div>
      ) : membership.liveRoles.length === 0 ? (
        <div role="note" className="flex items-center justify-between gap-4 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <p>
            Your access to this project has ended. {orgAccess.can("project:browse") ? "Request a role to get back in." : "Ask a project admin to renew it."}
          </p>
          {orgAccess.can("project:browse") ? (
            <RequestRoleDialog orgSlug={orgAccess.org.slug} projectSlug={project.slug} projectName={project.name} triggerLabel="Request a role" />
          ) : null}
        </div>
      ) : null}
      <div className="grid gap-6 md:grid-cols-[12rem_1fr]">
        <aside className="min-w-0">{sections.length > 0 ? <ProjectNav baseHref={baseHref} sections={sections} /> : null}</aside>
        <div className="min-w-0">{children}</div>
      </div>
    </div>
  );
}
