"use client";

import type { ComponentPropsWithRef } from "react";

/**
 * A menu's trigger as Radix draws it while closed, for the server and the hydrating browser:
 * the same button (name, state attributes, look) without Radix's menu tree behind it, which
 * cost every org page's server render about half a millisecond for its two header menus.
 * Nothing opens before hydration either way; the menu replaces it then (useHydrated).
 */
export function MenuTriggerBeforeHydration(props: ComponentPropsWithRef<"button">) {
  return <button type="button" aria-haspopup="menu" aria-expanded={false} data-state="closed" {...props} />;
}
