"use client";

import { useRouter, useSelectedLayoutSegments } from "next/navigation";
import { Plus } from "lucide-react";
import { focusHeadingAfterNavigation } from "@/components/layout/heading-focus";
import { MyRoles } from "@/components/projects/my-roles";
import { SwitcherMenu } from "@/components/ui/switcher-menu";
import { PRODUCT_TYPE_LABELS, type ProductType } from "@/lib/platform/authz/catalogue";

type ProjectOption = { id: string; name: string; slug: string; type?: ProductType; roles?: Array<{ label: string; expiresAt: string | null }> };

/**
 * Sits next to the org switcher on a project's pages and moves between the person's
 * projects in this org. The org layout renders it; the URL says which project is open.
 */
export function ProjectSwitcher({ orgSlug, projects, canCreate }: { orgSlug: string; projects: ProjectOption[]; canCreate: boolean }) {
  const router = useRouter();
  const [section, projectSlug] = useSelectedLayoutSegments();
  if (section !== "projects" || !projectSlug) return null;
  // A project seen through project:read-all is not among the person's own: show it by slug.
  const current = projects.find((project) => project.slug === projectSlug) ?? { id: projectSlug, name: projectSlug, slug: projectSlug };
  const options = projects.some((project) => project.slug === projectSlug) ? projects : [current, ...projects];
  return (
    <>
      <span aria-hidden="true" className="text-slate-300">
        /
      </span>
      <SwitcherMenu
        triggerLabel={`Switch project (current: ${current.name})`}
        trigger={
          <>
            <span className="max-w-[7rem] truncate sm:max-w-[14rem]">{current.name}</span>
            {current.type ? (
              <span className="hidden rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-600 sm:inline">
                {PRODUCT_TYPE_LABELS[current.type]}
              </span>
            ) : null}
          </>
        }
        heading="My projects"
        options={options.map((project) => ({
          id: project.id,
          value: project.slug,
          label: project.name,
          detail: project.type ? PRODUCT_TYPE_LABELS[project.type] : "",
          // The menu renders only once opened, in the browser: its labels count from then.
          note: project.roles?.length ? <MyRoles roles={project.roles} /> : null,
        }))}
        current={current.slug}
        onChoose={(slug) => {
          focusHeadingAfterNavigation();
          router.push(`/orgs/${orgSlug}/projects/${slug}`);
        }}
        extra={[
          { label: "All projects", onSelect: () => router.push(`/orgs/${orgSlug}`) },
          ...(canCreate
            ? [{ label: "Create project", icon: <Plus className="size-4" />, onSelect: () => router.push(`/orgs/${orgSlug}?create=project`) }]
            : []),
        ]}
      />
    </>
  );
}
