"use client";

import { useRouter } from "next/navigation";
import { SwitcherMenu } from "@/components/ui/switcher-menu";
import { PRODUCT_TYPE_LABELS, type ProductType } from "@/lib/authz/catalogue";

type ProjectOption = { id: string; name: string; slug: string; type: ProductType };

/** Moves between the person's projects in this org. */
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
    <SwitcherMenu
      triggerLabel={`Switch project (current: ${current.name})`}
      trigger={
        <>
          <span>{current.name}</span>
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-600">
            {PRODUCT_TYPE_LABELS[current.type]}
          </span>
        </>
      }
      heading="Projects"
      options={options.map((project) => ({
        id: project.id,
        value: project.slug,
        label: project.name,
        detail: PRODUCT_TYPE_LABELS[project.type],
      }))}
      current={current.slug}
      onChoose={(slug) => router.push(`/orgs/${orgSlug}/projects/${slug}`)}
      extra={{ label: "All projects", onSelect: () => router.push(`/orgs/${orgSlug}`) }}
    />
  );
}
