"use client";

import { DropdownMenu } from "radix-ui";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { MenuTriggerBeforeHydration } from "@/components/ui/menu-trigger-before-hydration";
import { useFocusKeptAcrossHydration, useHydrated } from "@/components/ui/use-hydrated";

/** The account menu at the header's end; the server draws its trigger alone (MenuTriggerBeforeHydration). */
export function UserMenu({ name, email }: { name: string; email: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const triggerRef = useFocusKeptAcrossHydration<HTMLButtonElement>(hydrated);
  const triggerProps = {
    "aria-label": `Account menu for ${name}`,
    className:
      "grid size-8 place-items-center rounded-full bg-slate-200 text-sm font-semibold text-slate-700 hover:bg-slate-300 focus-visible:outline-2 focus-visible:outline-brand-500",
    children: <span aria-hidden="true">{name.slice(0, 1).toUpperCase()}</span>,
  };
  if (!hydrated) return <MenuTriggerBeforeHydration ref={triggerRef} {...triggerProps} />;
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger ref={triggerRef} {...triggerProps} />
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-56 rounded-md border border-slate-200 bg-white p-1 shadow-lg">
          <DropdownMenu.Label className="px-2 py-1.5">
            <span className="block text-sm font-medium text-slate-900">{name}</span>
            <span className="block text-xs text-slate-500">{email}</span>
          </DropdownMenu.Label>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          <DropdownMenu.Item
            onSelect={() => router.push("/account")}
            className="cursor-pointer rounded px-2 py-1.5 text-sm text-slate-800 outline-none data-[highlighted]:bg-brand-50">
            Account settings
          </DropdownMenu.Item>
          <DropdownMenu.Item
            onSelect={() => void signOut({ callbackUrl: "/login" })}
            className="cursor-pointer rounded px-2 py-1.5 text-sm text-slate-800 outline-none data-[highlighted]:bg-brand-50">
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
