"use client";

import { useRouter } from "next/navigation";
import { Plus } from "lucide-react";
import { focusHeadingAfterNavigation } from "@/components/layout/heading-focus";
import { SwitcherMenu } from "@/components/ui/switcher-menu";
import type { OrgSummary } from "@/lib/platform/authz/list-my-orgs";

const PLAN_LABELS: Record<OrgSummary["plan"], string> = { FREE: "Free", PRO: "Pro", ENTERPRISE: "Enterprise" };

/** Lists the person's orgs with their plan, marks the current one, and creates another. */
export function OrgSwitcher({ orgs, currentSlug }: { orgs: OrgSummary[]; currentSlug: string }) {
  const router = useRouter();
  const name = orgs.find((org) => org.slug === currentSlug)?.name ?? currentSlug;
  return (
    <SwitcherMenu
      triggerLabel={`Switch organization (current: ${name})`}
      trigger={
        <>
          <span aria-hidden="true" className="grid size-6 shrink-0 place-items-center rounded bg-brand-600 text-xs text-white">
            {name.slice(0, 1).toUpperCase()}
          </span>
          <span className="max-w-[7rem] truncate sm:max-w-[14rem]">{name}</span>
        </>
      }
      heading="Organizations"
      options={orgs.map((org) => ({ id: org.id, value: org.slug, label: org.name, detail: PLAN_LABELS[org.plan] }))}
      current={currentSlug}
      onChoose={(slug) => {
        focusHeadingAfterNavigation();
        router.push(`/orgs/${slug}`);
      }}
      extra={[{ label: "Create organization", icon: <Plus className="size-4" />, onSelect: () => router.push("/orgs/new") }]}
    />
  );
}
