"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Plus } from "lucide-react";
import { focusHeadingAfterNavigation } from "@/components/layout/heading-focus";
import { MyRoles } from "@/components/projects/my-roles";
import { SwitcherMenu } from "@/components/ui/switcher-menu";
import { switcherProjectsAction } from "@/lib/platform/actions/project-actions";
import { PRODUCT_TYPE_LABELS, type ProductType } from "@/lib/platform/authz/catalogue";

type ProjectOption = { id: string; name: string; slug: string; type?: ProductType; roles?: Array<{ label: string; expiresAt: string | null }> };

/**
 * Sits next to the org switcher on a project's pages and moves between the person's projects
 * in this org. The project's pages render it into the header (the org layout's
 * `@projectSwitcher` slot) with the open project; the list is asked for when the menu opens
 * or the pointer comes near, not with every page.
 */
export function ProjectSwitcher({ orgSlug, current, canCreate }: { orgSlug: string; current: ProjectOption; canCreate: boolean }) {
  const router = useRouter();
  const [wanted, setWanted] = useState(false);
  const loaded = useQuery({
    queryKey: ["switcher-projects", orgSlug],
    enabled: wanted,
    queryFn: async () => {
      const result = await switcherProjectsAction({ orgSlug });
      if (!result.ok) throw new Error(result.formError ?? "Your projects could not be loaded.");
      return result.data;
    },
  });
  const projects: ProjectOption[] = loaded.data ?? [];
  // A project seen through project:read-all is not among the person's own: listed first anyway.
  const options = projects.some((project) => project.slug === current.slug) ? projects : [current, ...projects];
  return (
    <>
      <span aria-hidden="true" className="text-slate-300">
        /
      </span>
      <span className="contents" onPointerEnter={() => setWanted(true)}>
        <SwitcherMenu
          onOpenChange={(open) => (open ? setWanted(true) : undefined)}
          loading={!loaded.data && !loaded.isError}
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
      </span>
    </>
  );
}
