"use client";

import Link from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";

/** The project's sections, already filtered on the server to what the member may open. */
export function ProjectNav({ baseHref, sections }: { baseHref: string; sections: Array<{ segment: string; label: string }> }) {
  const active = useSelectedLayoutSegment() ?? "";
  return (
    <nav aria-label="Project">
      <ul className="flex flex-col gap-0.5">
        {sections.map((section) => {
          const current = section.segment === active;
          return (
            <li key={section.segment}>
              <Link
                href={section.segment ? `${baseHref}/${section.segment}` : baseHref}
                aria-current={current ? "page" : undefined}
                className={`block rounded-md px-3 py-1.5 text-sm ${
                  current ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100"
                }`}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
