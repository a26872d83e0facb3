/**
 * Where a dialog sits: a sheet along the bottom edge on a phone (full width, scrolling
 * inside itself), a centred panel from the sm breakpoint up. One place, so every dialog
 * behaves the same way at every width.
 */
export function dialogPanelClass(width: "md" | "lg"): string {
  return [
    "fixed inset-x-0 bottom-0 z-50 max-h-[90dvh] w-full overflow-y-auto rounded-t-xl bg-white p-6 shadow-xl",
    "sm:inset-x-auto sm:bottom-auto sm:left-1/2 sm:top-1/2 sm:-translate-x-1/2 sm:-translate-y-1/2 sm:rounded-lg",
    width === "md" ? "sm:max-w-md" : "sm:max-w-lg",
  ].join(" ");
}

/** A dialog's button row: it stays in view at the bottom of a long, scrolling dialog. */
export const DIALOG_ACTIONS_CLASS = "sticky -bottom-6 -mx-6 -mb-6 flex justify-end gap-3 border-t border-slate-100 bg-white px-6 py-4";
