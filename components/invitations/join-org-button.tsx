"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";
import { acceptInvitationAction } from "@/lib/platform/actions/invitation-actions";
import { joinWithLinkAction } from "@/lib/platform/actions/invite-link-actions";

const JOIN_ACTIONS = { invitation: acceptInvitationAction, link: joinWithLinkAction };

/** A signed-in person joins through an invitation or an invite link, and lands in the org. */
export function JoinOrgButton({ via, token, orgName }: { via: keyof typeof JOIN_ACTIONS; token: string; orgName: string }) {
  const router = useRouter();
  const { submit, pending, formError } = useFormAction(JOIN_ACTIONS[via], ({ orgSlug }) => {
    router.push(`/orgs/${orgSlug}?welcome=1`);
    router.refresh();
  });
  return (
    <div className="flex flex-col gap-3">
      <FormMessage message={formError} />
      <Button disabled={pending} onClick={() => submit({ token })}>
        {pending ? "Joining…" : `Join ${orgName}`}
      </Button>
    </div>
  );
}
