"use client";

import { Dialog } from "radix-ui";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";
import { changeProjectMemberRolesAction } from "@/lib/actions/project-member-actions";
import { fromIsoGrants, RoleGrantsField, toGrantInput, type GrantDraft } from "./role-grants-field";

type Props = {
  orgSlug: string;
  projectSlug: string;
  membershipId: string;
  memberName: string;
  /** Current grants, with expiry as an ISO instant. */
  current: Array<{ role: GrantDraft["role"]; expiresAt: string | null }>;
  roles: Array<{ slug: GrantDraft["role"]; label: string; description: string }>;
};

export function ChangeRolesDialog({ orgSlug, projectSlug, membershipId, memberName, current, roles }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [grants, setGrants] = useState<GrantDraft[]>(() => fromIsoGrants(current));
  const { submit, pending, fieldErrors, formError } = useFormAction(changeProjectMemberRolesAction, () => {
    setOpen(false);
    router.refresh();
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit({ orgSlug, projectSlug, membershipId, grants: toGrantInput(grants) });
  }

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (next) setGrants(fromIsoGrants(current));
        setOpen(next);
      }}
    >
      <Dialog.Trigger asChild>
        <Button variant="secondary" className="px-3 py-1" aria-label={`Change roles of ${memberName}`}>
          Change roles
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 max-h-[90vh] w-full max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">Roles of {memberName}</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600">
            The change applies on their next request.
          </Dialog.Description>
          <form onSubmit={onSubmit} className="mt-4 flex flex-col gap-4" noValidate>
            <FormMessage message={formError} />
            <RoleGrantsField roles={roles} value={grants} onChange={setGrants} errors={fieldErrors.grants} />
            <div className="flex justify-end gap-3">
              <Dialog.Close asChild>
                <Button variant="secondary">Cancel</Button>
              </Dialog.Close>
              <Button type="submit" disabled={pending}>
                {pending ? "Saving…" : "Save roles"}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
