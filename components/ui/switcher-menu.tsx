"use client";

import { Check, ChevronsUpDown } from "lucide-react";
import { DropdownMenu } from "radix-ui";
import { useState, type ReactNode } from "react";
import { MenuTriggerBeforeHydration } from "./menu-trigger-before-hydration";
import { useFocusKeptAcrossHydration, useHydrated } from "./use-hydrated";

type Option = { id: string; value: string; label: string; detail: string; note?: ReactNode };

const itemClass = "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm text-slate-800 outline-none data-[highlighted]:bg-brand-50";

/** A long list gets a search box (the server sends the first 30; the list pages have the rest). */
const SEARCH_FROM = 8;

/**
 * The header's switchers (org, project): a menu that marks the current choice. Radix gives
 * it the menu keyboard model: Enter/Space/↓ open, arrows move, typing jumps, Escape closes.
 * Not modal: a modal menu hides the page from assistive technology while it stays focusable.
 * The server draws the trigger alone (MenuTriggerBeforeHydration): Radix's menu tree is built
 * once the page has hydrated, when it can first be opened.
 */
export function SwitcherMenu({
  triggerLabel,
  trigger,
  heading,
  options,
  current,
  onChoose,
  extra,
  onOpenChange,
  loading,
}: {
  triggerLabel: string;
  trigger: ReactNode;
  heading: string;
  options: Option[];
  current: string;
  onChoose: (value: string) => void;
  /** The last items, below a separator, such as "Create organization". */
  extra: Array<{ label: string; icon?: ReactNode; onSelect: () => void }>;
  /** Told when the menu opens or closes (a switcher whose options load then). */
  onOpenChange?: (open: boolean) => void;
  /** The options are on their way: said in place of the list. */
  loading?: boolean;
}) {
  const [search, setSearch] = useState("");
  const hydrated = useHydrated();
  const triggerRef = useFocusKeptAcrossHydration<HTMLButtonElement>(hydrated);
  const needle = search.trim().toLowerCase();
  const shown = needle ? options.filter((option) => option.label.toLowerCase().includes(needle) || option.value.includes(needle)) : options;
  const triggerProps = {
    "aria-label": triggerLabel,
    className:
      "inline-flex min-w-0 items-center gap-2 rounded-md px-1 py-1 text-sm font-semibold text-slate-900 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 sm:px-2",
    children: (
      <>
        {trigger}
        <ChevronsUpDown aria-hidden className="size-4 shrink-0 text-slate-500" />
      </>
    ),
  };
  if (!hydrated) return <MenuTriggerBeforeHydration ref={triggerRef} {...triggerProps} />;
  return (
    <DropdownMenu.Root
      modal={false}
      onOpenChange={(open) => {
        if (!open) setSearch("");
        onOpenChange?.(open);
      }}>
      <DropdownMenu.Trigger ref={triggerRef} {...triggerProps} />
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="start"
          sideOffset={6}
          className="z-50 max-h-96 min-w-64 overflow-y-auto rounded-md border border-slate-200 bg-white p-1 shadow-lg">
          <DropdownMenu.Label className="px-2 py-1 text-xs font-medium uppercase tracking-wide text-slate-600">{heading}</DropdownMenu.Label>
          {options.length >= SEARCH_FROM ? (
            <input
              type="search"
              aria-label={`Search ${heading.toLowerCase()}`}
              placeholder="Search…"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              // Letters type here; the menu's own type-to-jump would take focus away. ↓ enters the list.
              onKeyDown={(event) => {
                if (event.key !== "ArrowDown" && event.key !== "Escape" && event.key !== "Tab") event.stopPropagation();
              }}
              className="mx-1 mb-1 w-[calc(100%-0.5rem)] rounded-md border border-slate-300 px-2 py-1 text-sm"
            />
          ) : null}
          <DropdownMenu.RadioGroup value={current} onValueChange={onChoose}>
            {loading ? (
              <p role="status" className="px-2 py-1.5 text-sm text-slate-600">
                Loading…
              </p>
            ) : shown.length === 0 ? (
              <p className="px-2 py-1.5 text-sm text-slate-600">Nothing matches.</p>
            ) : null}
            {shown.map((option) => (
              <DropdownMenu.RadioItem key={option.id} value={option.value} className={itemClass}>
                <span className="w-4" aria-hidden="true">
                  <DropdownMenu.ItemIndicator>
                    <Check className="size-4" />
                  </DropdownMenu.ItemIndicator>
                </span>
                <span className="flex-1">
                  {option.label}
                  {option.note ? <span className="block text-xs text-slate-600">{option.note}</span> : null}
                </span>
                <span className="text-xs text-slate-600">{option.detail}</span>
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          {extra.map((item) => (
            <DropdownMenu.Item key={item.label} onSelect={item.onSelect} className={itemClass}>
              <span className="w-4" aria-hidden="true">
                {item.icon ?? null}
              </span>
              {item.label}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
