"use client";

import { Menu } from "lucide-react";
import Link from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";
import { useId, useState } from "react";

/**
 * The project's sections, already filtered on the server to what the member may open. A
 * sidebar from the md breakpoint up; on a phone, one button naming the current section
 * that opens the list, so seven links do not stand between the person and the page.
 */
export function ProjectNav({
  baseHref,
  sections,
}: {
  baseHref: string;
  sections: Array<{ segment: string; label: string; badge?: { count: number; label: string } }>;
}) {
  const active = useSelectedLayoutSegment() ?? "";
  const listId = useId();
  // The segment the menu was opened on: once the page changes, the menu is closed again.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === active;
  const current = sections.find((section) => section.segment === active)?.label ?? "Sections";
  return (
    <nav aria-label="Project">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpenOn(open ? null : active)}
        className="flex w-full items-center justify-between rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 md:hidden">
        <span>
          <span className="sr-only">Project sections, current: </span>
          {current}
        </span>
        <Menu aria-hidden className="size-4 text-slate-500" />
      </button>
      <ul id={listId} className={`${open ? "mt-2 flex" : "hidden"} flex-col gap-0.5 md:mt-0 md:flex`}>
        {sections.map((section) => {
          const isCurrent = section.segment === active;
          return (
            <li key={section.segment}>
              <Link
                href={section.segment ? `${baseHref}/${section.segment}` : baseHref}
                aria-current={isCurrent ? "page" : undefined}
                className={`block rounded-md px-3 py-1.5 text-sm ${
                  isCurrent ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100"
                }`}>
                {section.label}
                {section.badge && section.badge.count > 0 ? (
                  <span className="ml-2 rounded-full bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white tabular-nums">
                    {section.badge.count}
                    <span className="sr-only"> {section.badge.label}</span>
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
