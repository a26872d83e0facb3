"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";

const KEY = "tessera:focus-heading";

/**
 * Asks for focus on the next page's main heading. A switcher calls it before navigating: the
 * menu and its trigger are replaced with the page, and focus would otherwise fall to <body>,
 * leaving keyboard and screen reader users at the top of nothing.
 */
export function focusHeadingAfterNavigation(): void {
  sessionStorage.setItem(KEY, "1");
}

/** Carries out that request once the new page is on screen. Rendered once per layout. */
export function HeadingFocus() {
  const pathname = usePathname();
  useEffect(() => {
    if (sessionStorage.getItem(KEY) !== "1") return;
    const heading = document.querySelector<HTMLElement>("main h1");
    if (!heading) return;
    sessionStorage.removeItem(KEY);
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    heading.focus();
  }, [pathname]);
  return null;
}
