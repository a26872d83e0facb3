"use client";

import { Dialog } from "radix-ui";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { addProjectMemberAction } from "@/lib/actions/project-member-actions";
import { RoleGrantsField, toGrantInput, type GrantDraft } from "./role-grants-field";

type Props = {
  orgSlug: string;
  projectSlug: string;
  roles: Array<{ slug: GrantDraft["role"]; label: string; description: string }>;
};

export function AddMemberDialog({ orgSlug, projectSlug, roles }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState("");
  const [grants, setGrants] = useState<GrantDraft[]>([{ role: "member", expiresAt: "" }]);
  const { submit, pending, fieldErrors, formError } = useFormAction(addProjectMemberAction, () => {
    setOpen(false);
    setEmail("");
    setGrants([{ role: "member", expiresAt: "" }]);
    router.refresh();
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit({ orgSlug, projectSlug, email, grants: toGrantInput(grants) });
  }

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button>Add member</Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 max-h-[90vh] w-full max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">Add a member</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600">
            Add someone who is already in this organization. Give each role for good, or until a time you choose.
          </Dialog.Description>
          <form onSubmit={onSubmit} className="mt-4 flex flex-col gap-4" noValidate>
            <FormMessage message={formError} />
            <TextField
              label="Email of an organization member"
              name="email"
              type="email"
              autoComplete="off"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              errors={fieldErrors.email}
            />
            <RoleGrantsField roles={roles} value={grants} onChange={setGrants} errors={fieldErrors.grants} />
            <div className="flex justify-end gap-3">
              <Dialog.Close asChild>
                <Button variant="secondary">Cancel</Button>
              </Dialog.Close>
              <Button type="submit" disabled={pending}>
                {pending ? "Adding…" : "Add member"}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
