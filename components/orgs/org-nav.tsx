"use client";

import Link from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";

/** The org's own pages; the server passes only those the member may open. */
export function OrgNav({ orgSlug, items }: { orgSlug: string; items: Array<{ segment: string; label: string }> }) {
  const segment = useSelectedLayoutSegment();
  const active = segment === null || segment === "projects" ? "" : segment;
  return (
    <nav aria-label="Organization sections" className="border-b border-slate-200 bg-white">
      <ul className="relative mx-auto flex max-w-6xl gap-1 overflow-x-auto whitespace-nowrap px-4">
        {items.map((item) => {
          const current = item.segment === active;
          return (
            <li key={item.segment}>
              <Link
                href={item.segment ? `/orgs/${orgSlug}/${item.segment}` : `/orgs/${orgSlug}`}
                aria-current={current ? "page" : undefined}
                className={`inline-block border-b-2 px-3 py-2 text-sm ${
                  current ? "border-brand-600 font-medium text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900"
                }`}>
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
