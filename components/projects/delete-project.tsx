"use client";

import { AlertDialog } from "radix-ui";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { deleteProjectAction } from "@/lib/actions/project-actions";

/** Deleting is final, so the person types the project's slug to confirm. */
export function DeleteProject({ orgSlug, projectSlug, projectName }: { orgSlug: string; projectSlug: string; projectName: string }) {
  const router = useRouter();
  const [confirmation, setConfirmation] = useState("");
  const { submit, pending, fieldErrors, formError } = useFormAction(deleteProjectAction, ({ orgSlug: home }) => {
    router.push(`/orgs/${home}`);
    router.refresh();
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit({ orgSlug, projectSlug, confirmation });
  }

  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>
        <Button variant="danger">Delete project</Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <AlertDialog.Content className="fixed left-1/2 top-1/2 w-full max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl">
          <AlertDialog.Title className="text-lg font-semibold">Delete {projectName}?</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600">
            The project, its members and everything stored in it are deleted for good. This cannot be undone.
          </AlertDialog.Description>
          <form onSubmit={onSubmit} className="mt-4 flex flex-col gap-4" noValidate>
            <FormMessage message={formError} />
            <TextField
              label={`Type ${projectSlug} to confirm`}
              name="confirmation"
              autoComplete="off"
              spellCheck={false}
              value={confirmation}
              onChange={(event) => setConfirmation(event.target.value)}
              errors={fieldErrors.confirmation}
            />
            <div className="flex justify-end gap-3">
              <AlertDialog.Cancel asChild>
                <Button variant="secondary">Cancel</Button>
              </AlertDialog.Cancel>
              <Button type="submit" variant="danger" disabled={pending || confirmation.trim() !== projectSlug}>
                {pending ? "Deleting…" : "Delete this project"}
              </Button>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
