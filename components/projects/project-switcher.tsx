"use client";

import { DropdownMenu } from "radix-ui";
import { useRouter } from "next/navigation";
import { PRODUCT_TYPE_LABELS, type ProductType } from "@/lib/authz/catalogue";

type ProjectOption = { id: string; name: string; slug: string; type: ProductType };

/** Moves between the person's projects in this org, with the org switcher's keyboard model. */
export function ProjectSwitcher({
  orgSlug,
  projects,
  current,
}: {
  orgSlug: string;
  projects: ProjectOption[];
  current: ProjectOption;
}) {
  const router = useRouter();
  const options = projects.some((project) => project.id === current.id) ? projects : [current, ...projects];
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label={`Switch project (current: ${current.name})`}
        className="inline-flex items-center gap-2 rounded-md px-2 py-1 text-sm font-semibold text-slate-900 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500"
      >
        <span>{current.name}</span>
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-600">
          {PRODUCT_TYPE_LABELS[current.type]}
        </span>
        <span aria-hidden="true" className="text-slate-400">
          ▾
        </span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="start"
          sideOffset={6}
          className="z-50 max-h-96 min-w-64 overflow-y-auto rounded-md border border-slate-200 bg-white p-1 shadow-lg"
        >
          <DropdownMenu.Label className="px-2 py-1 text-xs font-medium uppercase tracking-wide text-slate-500">
            Projects
          </DropdownMenu.Label>
          <DropdownMenu.RadioGroup
            value={current.slug}
            onValueChange={(slug) => router.push(`/orgs/${orgSlug}/projects/${slug}`)}
          >
            {options.map((project) => (
              <DropdownMenu.RadioItem
                key={project.id}
                value={project.slug}
                className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm text-slate-800 outline-none data-[highlighted]:bg-brand-50"
              >
                <span className="w-4" aria-hidden="true">
                  <DropdownMenu.ItemIndicator>✓</DropdownMenu.ItemIndicator>
                </span>
                <span className="flex-1">{project.name}</span>
                <span className="text-xs text-slate-500">{PRODUCT_TYPE_LABELS[project.type]}</span>
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          <DropdownMenu.Item
            onSelect={() => router.push(`/orgs/${orgSlug}`)}
            className="cursor-pointer rounded px-2 py-1.5 text-sm text-slate-800 outline-none data-[highlighted]:bg-brand-50"
          >
            All projects
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
