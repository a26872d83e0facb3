"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/**
 * Guards unsaved changes: the browser's own prompt on reload or closing the tab, and on
 * following a link inside the app (caught before Next's router sees it) the app's own
 * dialog, which leaves only when asked to. Returns that dialog, to render once.
 */
export function useUnsavedChangesWarning(dirty: boolean, what: string) {
  const router = useRouter();
  const [leavingTo, setLeavingTo] = useState<string | null>(null);
  useEffect(() => {
    if (!dirty) return;
    function onBeforeUnload(event: BeforeUnloadEvent) {
      event.preventDefault();
    }
    function onClick(event: MouseEvent) {
      const link = (event.target as Element | null)?.closest?.("a[href]");
      // A new tab (target, or a modifier key) leaves this page as it is.
      if (!link || link.getAttribute("target") === "_blank" || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      event.stopPropagation();
      setLeavingTo(link.getAttribute("href"));
    }
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);

  return (
    <ConfirmDialog
      open={leavingTo !== null}
      onOpenChange={(open) => (open ? undefined : setLeavingTo(null))}
      title="Leave without saving?"
      body={`You have ${what}. They are lost if you leave this page.`}
      confirm="Leave without saving"
      pending={false}
      onConfirm={() => {
        const href = leavingTo;
        setLeavingTo(null);
        if (href) router.push(href);
      }}
    />
  );
}
