"use client";

import { AlertDialog } from "radix-ui";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";
import { leaveProjectAction, removeProjectMemberAction } from "@/lib/actions/project-member-actions";

type Ref = { orgSlug: string; projectSlug: string };

export function RemoveMemberButton({ orgSlug, projectSlug, membershipId, memberName }: Ref & { membershipId: string; memberName: string }) {
  const router = useRouter();
  const { submit, pending, formError } = useFormAction(removeProjectMemberAction, () => router.refresh());
  return (
    <ConfirmDialog
      trigger={`Remove`}
      triggerLabel={`Remove ${memberName}`}
      title={`Remove ${memberName} from the project?`}
      body="They lose every role here at once. They stay in the organization."
      confirm="Remove"
      pending={pending}
      formError={formError}
      onConfirm={() => submit({ orgSlug, projectSlug, membershipId })}
    />
  );
}

export function LeaveProjectButton({ orgSlug, projectSlug }: Ref) {
  const router = useRouter();
  const { submit, pending, formError } = useFormAction(leaveProjectAction, ({ orgSlug: home }) => {
    router.push(`/orgs/${home}`);
    router.refresh();
  });
  return (
    <ConfirmDialog
      trigger="Leave project"
      title="Leave this project?"
      body="You lose your roles here. A project admin can add you again."
      confirm="Leave project"
      pending={pending}
      formError={formError}
      onConfirm={() => submit({ orgSlug, projectSlug, confirm: true })}
    />
  );
}

function ConfirmDialog(props: {
  trigger: string;
  triggerLabel?: string;
  title: string;
  body: string;
  confirm: string;
  pending: boolean;
  formError?: string;
  onConfirm: () => void;
}) {
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>
        <Button variant="secondary" className="px-3 py-1" aria-label={props.triggerLabel}>
          {props.trigger}
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <AlertDialog.Content className="fixed left-1/2 top-1/2 w-full max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl">
          <AlertDialog.Title className="text-lg font-semibold">{props.title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600">{props.body}</AlertDialog.Description>
          <div className="mt-4">
            <FormMessage message={props.formError} />
          </div>
          <div className="mt-4 flex justify-end gap-3">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary">Cancel</Button>
            </AlertDialog.Cancel>
            <Button variant="danger" disabled={props.pending} onClick={props.onConfirm}>
              {props.pending ? "Working…" : props.confirm}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
