"use client";

import { AlertDialog } from "radix-ui";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { roleActions, rolesHref, type RoleTarget } from "./role-target";
import { dialogPanelClass } from "@/components/ui/dialog-panel";

/** Deleting a role asks where its holders go; both happen in one transaction. */
export function DeleteRoleDialog({
  target,
  role,
  options,
}: {
  target: RoleTarget;
  role: { slug: string; name: string; holders: number };
  options: Array<{ slug: string; label: string }>;
}) {
  const router = useRouter();
  const [reassignTo, setReassignTo] = useState(options[0]?.slug ?? "");
  const { submit, pending, fieldErrors, formError } = useFormAction(roleActions(target).remove, () => {
    router.push(rolesHref(target));
    router.refresh();
  });
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>
        <Button variant="danger" className="ml-auto">
          Delete role
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content className={dialogPanelClass("md")}>
          <AlertDialog.Title className="text-lg font-semibold">Delete {role.name}?</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600">
            {role.holders === 0
              ? "Nobody holds it. Pending invitations and invite links that offer it get the role you choose."
              : `${role.holders === 1 ? "1 member holds" : `${role.holders} members hold`} it. They, and pending invitations and invite links that offer it, get the role you choose, at the same moment.`}
          </AlertDialog.Description>
          <div className="mt-4 flex flex-col gap-4">
            <FormMessage message={formError} />
            <SelectField
              label="Move them to"
              value={reassignTo}
              onChange={(event) => setReassignTo(event.target.value)}
              options={options.map((option) => ({ value: option.slug, label: option.label }))}
              errors={fieldErrors.reassignTo}
            />
            <div className="flex justify-end gap-3">
              <AlertDialog.Cancel asChild>
                <Button variant="secondary">Cancel</Button>
              </AlertDialog.Cancel>
              <Button variant="danger" disabled={pending || !reassignTo} onClick={() => submit({ roleSlug: role.slug, reassignTo })}>
                {pending ? "Deleting…" : "Delete and move members"}
              </Button>
            </div>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
