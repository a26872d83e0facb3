"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/**
 * The org's own pages; the server passes only those the member may open. On a narrow screen
 * the strip scrolls sideways: the current tab is scrolled into view, and a fade with an arrow
 * on either edge says more tabs are there.
 */
export function OrgNav({ orgSlug, items }: { orgSlug: string; items: Array<{ segment: string; label: string; badge?: { count: number; label: string } }> }) {
  const segment = useSelectedLayoutSegment();
  const active = segment === null || segment === "projects" ? "" : segment;
  const strip = useRef<HTMLUListElement>(null);
  const [more, setMore] = useState({ before: false, after: false });

  useEffect(() => {
    const list = strip.current;
    if (!list) return;
    const measure = () => setMore({ before: list.scrollLeft > 1, after: list.scrollLeft + list.clientWidth < list.scrollWidth - 1 });
    list.querySelector('[aria-current="page"]')?.scrollIntoView({ block: "nearest", inline: "nearest" });
    measure();
    list.addEventListener("scroll", measure, { passive: true });
    const resize = new ResizeObserver(measure);
    resize.observe(list);
    return () => {
      list.removeEventListener("scroll", measure);
      resize.disconnect();
    };
  }, [active]);

  return (
    <nav aria-label="Organization sections" className="border-b border-slate-200 bg-white">
      <div className="relative mx-auto max-w-6xl">
        <ul ref={strip} className="flex gap-1 overflow-x-auto whitespace-nowrap px-4 [scrollbar-width:none]">
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
                  {item.badge && item.badge.count > 0 ? (
                    <span className="ml-1.5 rounded-full bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white tabular-nums">
                      {item.badge.count}
                      <span className="sr-only"> {item.badge.label}</span>
                    </span>
                  ) : null}
                </Link>
              </li>
            );
          })}
        </ul>
        {more.before ? <MoreTabsCue side="before" /> : null}
        {more.after ? <MoreTabsCue side="after" /> : null}
      </div>
    </nav>
  );
}

/** A fade with an arrow over the strip's edge where more tabs are. */
function MoreTabsCue({ side }: { side: "before" | "after" }) {
  const Arrow = side === "before" ? ChevronLeft : ChevronRight;
  const edge = side === "before" ? "left-0 bg-gradient-to-r pl-1" : "right-0 justify-end bg-gradient-to-l pr-1";
  return (
    <span
      aria-hidden
      data-testid={`more-tabs-${side}`}
      className={`pointer-events-none absolute inset-y-0 flex w-10 items-center from-white via-white/90 to-transparent text-slate-500 ${edge}`}>
      <Arrow className="size-4" />
    </span>
  );
}
