"use client";

import { useLayoutEffect, useRef, useSyncExternalStore } from "react";

const subscribeToNothing = () => () => {};

/**
 * False while the server renders and while the browser hydrates that HTML; true from then on
 * (and at once on a navigation inside the console): for what the browser draws instead of the
 * server (BrowserRows, the header menus).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}

/**
 * For a control drawn one way until hydration and another after (useHydrated): a ref for
 * both versions, and focus moved to the second when the first had it (a keyboard user who
 * tabbed to it while the page loaded stays there).
 */
export function useFocusKeptAcrossHydration<T extends HTMLElement>(hydrated: boolean) {
  const element = useRef<T | null>(null);
  const hadFocus = useRef(false);
  useLayoutEffect(() => {
    if (!hydrated) hadFocus.current = document.activeElement === element.current;
    else if (hadFocus.current) element.current?.focus();
  }, [hydrated]);
  return element;
}
