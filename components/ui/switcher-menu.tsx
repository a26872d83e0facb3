"use client";

import { DropdownMenu } from "radix-ui";
import type { ReactNode } from "react";

type Option = { id: string; value: string; label: string; detail: string; note?: ReactNode };

const itemClass =
  "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm text-slate-800 outline-none data-[highlighted]:bg-brand-50";

/**
 * The header's switchers (org, project): a menu that marks the current choice. Radix gives
 * it the menu keyboard model: Enter/Space/↓ open, arrows move, typing jumps, Escape closes.
 */
export function SwitcherMenu({
  triggerLabel,
  trigger,
  heading,
  options,
  current,
  onChoose,
  extra,
}: {
  triggerLabel: string;
  trigger: ReactNode;
  heading: string;
  options: Option[];
  current: string;
  onChoose: (value: string) => void;
  /** The last item, below a separator, such as "Create organization". */
  extra: { label: string; icon?: string; onSelect: () => void };
}) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label={triggerLabel}
        className="inline-flex items-center gap-2 rounded-md px-2 py-1 text-sm font-semibold text-slate-900 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500"
      >
        {trigger}
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
            {heading}
          </DropdownMenu.Label>
          <DropdownMenu.RadioGroup value={current} onValueChange={onChoose}>
            {options.map((option) => (
              <DropdownMenu.RadioItem key={option.id} value={option.value} className={itemClass}>
                <span className="w-4" aria-hidden="true">
                  <DropdownMenu.ItemIndicator>✓</DropdownMenu.ItemIndicator>
                </span>
                <span className="flex-1">
                  {option.label}
                  {option.note ? <span className="block text-xs text-slate-600">{option.note}</span> : null}
                </span>
                <span className="text-xs text-slate-500">{option.detail}</span>
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          <DropdownMenu.Item onSelect={extra.onSelect} className={itemClass}>
            <span className="w-4" aria-hidden="true">
              {extra.icon ?? ""}
            </span>
            {extra.label}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
