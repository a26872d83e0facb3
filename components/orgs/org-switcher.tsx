"use client";

import { DropdownMenu } from "radix-ui";
import { useRouter } from "next/navigation";
import type { OrgSummary } from "@/lib/orgs/list-my-orgs";

const PLAN_LABELS: Record<OrgSummary["plan"], string> = { FREE: "Free", PRO: "Pro", ENTERPRISE: "Enterprise" };

/**
 * Lists the person's orgs and marks the current one. Radix gives it the menu keyboard
 * model: Enter/Space/↓ open it, arrows move, typing jumps to a name, Escape closes.
 */
export function OrgSwitcher({ orgs, currentSlug }: { orgs: OrgSummary[]; currentSlug: string }) {
  const router = useRouter();
  const current = orgs.find((org) => org.slug === currentSlug);
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label={`Switch organization (current: ${current?.name ?? currentSlug})`}
        className="inline-flex items-center gap-2 rounded-md px-2 py-1 text-sm font-semibold text-slate-900 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500"
      >
        <span aria-hidden="true" className="grid size-6 place-items-center rounded bg-brand-600 text-xs text-white">
          {(current?.name ?? currentSlug).slice(0, 1).toUpperCase()}
        </span>
        <span>{current?.name ?? currentSlug}</span>
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
            Organizations
          </DropdownMenu.Label>
          <DropdownMenu.RadioGroup value={currentSlug} onValueChange={(slug) => router.push(`/orgs/${slug}`)}>
            {orgs.map((org) => (
              <DropdownMenu.RadioItem
                key={org.id}
                value={org.slug}
                className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm text-slate-800 outline-none data-[highlighted]:bg-brand-50"
              >
                <span className="w-4" aria-hidden="true">
                  <DropdownMenu.ItemIndicator>✓</DropdownMenu.ItemIndicator>
                </span>
                <span className="flex-1">{org.name}</span>
                <span className="text-xs text-slate-500">{PLAN_LABELS[org.plan]}</span>
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          <DropdownMenu.Item
            onSelect={() => router.push("/orgs/new")}
            className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm text-slate-800 outline-none data-[highlighted]:bg-brand-50"
          >
            <span className="w-4" aria-hidden="true">
              +
            </span>
            Create organization
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
