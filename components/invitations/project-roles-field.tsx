"use client";

import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { listGrantableProjectsAction } from "@/lib/platform/actions/invitation-actions";
import { PRODUCT_TYPE_LABELS, type ProductType } from "@/lib/platform/authz/catalogue";

export type ProjectRoleDraft = { projectId: string; role: string };
export type GrantableProjectOption = {
  id: string;
  name: string;
  slug: string;
  type: ProductType;
  roles: Array<{ slug: string; label: string; allows: string[]; permissions: string[] }>;
};

/**
 * The projects the admin may add people to, with the roles they may grant there. Asked for
 * when a dialog opens (an org can have thousands), not with every members page.
 */
export function useGrantableProjects(orgSlug: string) {
  return useQuery({
    queryKey: ["grantable-projects", orgSlug],
    queryFn: async () => {
      const result = await listGrantableProjectsAction({ orgSlug });
      if (!result.ok) throw new Error(result.formError ?? "The projects could not be loaded.");
      return result.data;
    },
  });
}

/**
 * Optional project roles granted along with the org role: one row per project, each with
 * its own role. Only projects the admin may add people to, and roles they may grant, appear.
 */
export function ProjectRolesField({
  orgSlug,
  value,
  onChange,
  errors,
}: {
  orgSlug: string;
  value: ProjectRoleDraft[];
  onChange: (next: ProjectRoleDraft[]) => void;
  errors?: string[];
}) {
  const id = useId();
  const loaded = useGrantableProjects(orgSlug);
  const projects: GrantableProjectOption[] = loaded.data ?? [];
  const byId = new Map(projects.map((project) => [project.id, project]));
  const chosen = new Set(value.map((draft) => draft.projectId));
  const nextProject = projects.find((project) => !chosen.has(project.id) && project.roles.length > 0);

  function update(index: number, draft: ProjectRoleDraft) {
    onChange(value.map((current, at) => (at === index ? draft : current)));
  }
  function defaultRole(project: GrantableProjectOption): string {
    return project.roles.find((role) => role.slug === "member")?.slug ?? project.roles[0]!.slug;
  }

  return (
    <fieldset aria-describedby={`${id}-hint${errors?.length ? ` ${id}-error` : ""}`} className="flex flex-col gap-2">
      <legend className="text-sm font-medium text-slate-800">Projects (optional)</legend>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {loaded.isPending
          ? "Loading the projects you can add people to…"
          : loaded.isError
            ? "Your projects could not be loaded; they can still join the organization."
            : projects.length === 0
              ? "You cannot add people to any project yet, so they join the organization only."
              : "They get these project roles the moment they join."}
      </p>
      {value.length > 0 ? (
        <ul className="flex flex-col gap-2">
          {value.map((draft, index) => {
            const project = byId.get(draft.projectId);
            const label = project?.name ?? "project";
            return (
              <li key={draft.projectId} className="flex items-center gap-2">
                <select
                  aria-label={`Project ${index + 1}`}
                  value={draft.projectId}
                  onChange={(event) => {
                    const picked = byId.get(event.target.value);
                    if (picked) update(index, { projectId: picked.id, role: defaultRole(picked) });
                  }}
                  className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-2 text-sm">
                  {projects
                    .filter((option) => option.id === draft.projectId || (!chosen.has(option.id) && option.roles.length > 0))
                    .map((option) => (
                      <option key={option.id} value={option.id}>
                        {option.name} · {PRODUCT_TYPE_LABELS[option.type]}
                      </option>
                    ))}
                </select>
                <select
                  aria-label={`Role in ${label}`}
                  value={draft.role}
                  onChange={(event) => update(index, { ...draft, role: event.target.value })}
                  className="w-32 rounded-md border border-slate-300 bg-white px-2 py-2 text-sm">
                  {(project?.roles ?? []).map((role) => (
                    <option key={role.slug} value={role.slug}>
                      {role.label}
                    </option>
                  ))}
                </select>
                <Button variant="ghost" aria-label={`Remove ${label}`} onClick={() => onChange(value.filter((_, at) => at !== index))}>
                  ✕
                </Button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {nextProject ? (
        <div>
          <Button variant="secondary" onClick={() => onChange([...value, { projectId: nextProject.id, role: defaultRole(nextProject) }])}>
            Add a project
          </Button>
        </div>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {errors[0]}
        </p>
      ) : null}
    </fieldset>
  );
}
