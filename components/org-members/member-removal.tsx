"use client";

import { useRouter } from "next/navigation";
import { createContext, use, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import { leaveOrgAction, offersVoidedByRemovalAction, removeOrgMemberAction } from "@/lib/actions/org-member-actions";
import { VoidedOffersNote } from "./voided-offers-note";

type Removal = { membershipId: string; memberName: string };

const AskToRemove = createContext<(removal: Removal, button: HTMLElement) => void>(() => undefined);

/**
 * One confirmation dialog for a whole page of members: each row's Remove button is a plain
 * button that names its member, so 50 rows do not render 50 dialogs.
 */
export function OrgMemberRemoval({ orgSlug, children }: { orgSlug: string; children: ReactNode }) {
  const router = useRouter();
  const [removal, setRemoval] = useState<Removal | null>(null);
  const button = useRef<HTMLElement | null>(null);
  const { submit, pending, formError, setFormError } = useFormAction(removeOrgMemberAction, () => {
    setRemoval(null);
    router.refresh();
  });
  function ask(next: Removal, from: HTMLElement) {
    button.current = from;
    setFormError(undefined);
    setRemoval(next);
  }
  return (
    <AskToRemove value={ask}>
      {children}
      <ConfirmDialog
        open={removal !== null}
        onOpenChange={(open) => (open ? undefined : setRemoval(null))}
        returnFocusTo={() => (button.current?.isConnected ? button.current : null)}
        title={`Remove ${removal?.memberName ?? ""} from the organization?`}
        body="They lose access to the organization and every project in it at once."
        details={
          removal ? (
            <VoidedOffersNote
              queryKey={[orgSlug, removal.membershipId, "removal"]}
              load={() => offersVoidedByRemovalAction({ orgSlug, membershipId: removal.membershipId })}
              because="once they are no longer a member"
            />
          ) : null
        }
        confirm="Remove"
        pending={pending}
        formError={formError}
        onConfirm={() => removal && submit({ orgSlug, membershipId: removal.membershipId })}
      />
    </AskToRemove>
  );
}

export function RemoveOrgMemberButton({ membershipId, memberName }: Removal) {
  const ask = use(AskToRemove);
  return (
    <Button variant="secondary" className="px-3 py-1" aria-label={`Remove ${memberName}`} onClick={(event) => ask({ membershipId, memberName }, event.currentTarget)}>
      Remove
    </Button>
  );
}

export function LeaveOrgButton({ orgSlug }: { orgSlug: string }) {
  const router = useRouter();
  const { submit, pending, formError } = useFormAction(leaveOrgAction, () => {
    router.push("/");
    router.refresh();
  });
  return (
    <ConfirmDialog
      trigger="Leave organization"
      title="Leave this organization?"
      body="You lose access to it and to every project in it. An admin can invite you again."
      confirm="Leave organization"
      pending={pending}
      formError={formError}
      onConfirm={() => submit({ orgSlug })}
    />
  );
}
