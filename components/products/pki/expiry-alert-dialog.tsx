"use client";

import { useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Checkboxes } from "@/components/ui/checkboxes";
import { FormDialog } from "@/components/ui/form-dialog";
import { PeoplePicker, type PickedPerson } from "@/components/ui/people-picker";
import { TextField } from "@/components/ui/text-field";
import { useEditDialog } from "@/components/ui/use-edit-dialog";
import { findProjectPeopleAction } from "@/lib/platform/actions/project-member-actions";
import { expiryAlertGroupsAction, saveExpiryAlertAction } from "@/lib/products/pki/pki-actions";

type Ref = { orgSlug: string; projectSlug: string };
export type ExpiryAlertDraft = { thresholds: string; recipients: PickedPerson[]; groupIds: string[] };

/** Who is mailed, and how many days before this project's certificates and CAs end. */
export function ExpiryAlertDialog({ alert, ...ref }: Ref & { alert: ExpiryAlertDraft }) {
  const { submit, pending, fieldErrors, formError, open, onOpenChange, draft, setDraft } = useEditDialog(saveExpiryAlertAction, alert);
  // The org's groups (up to 200) are asked for when the dialog opens, not with every page.
  const groups = useQuery({
    queryKey: ["expiry-alert-groups", ref.orgSlug, ref.projectSlug],
    enabled: open,
    queryFn: async () => {
      const result = await expiryAlertGroupsAction(ref);
      if (!result.ok) throw new Error(result.formError ?? "The groups could not be loaded.");
      return result.data.map((group) => ({ value: group.id, label: group.name }));
    },
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={<Button variant="secondary">Expiry alerts</Button>}
      title="Expiry alerts"
      description="Mail these people before certificates and CAs of this project end: once per certificate and threshold. Revoked ones are left out; people who may not read certificates are not mailed."
      formError={formError}
      submitLabel="Save alerts"
      pendingLabel="Saving…"
      pending={pending}
      onSubmit={() =>
        submit({ ...ref, thresholds: draft.thresholds, recipientIds: draft.recipients.map((person) => person.userId), groupIds: draft.groupIds })
      }>
      <TextField
        label="Days before the end"
        value={draft.thresholds}
        onChange={(event) => setDraft({ ...draft, thresholds: event.target.value })}
        placeholder="30, 7, 1"
        hint="Up to five numbers of days."
        errors={fieldErrors.thresholds}
      />
      <PeoplePicker
        label="People to mail"
        hint="Members of this project; add others through a group."
        queryKey={["project-people", ref.orgSlug, ref.projectSlug]}
        search={async (q) => {
          const result = await findProjectPeopleAction({ ...ref, q });
          if (!result.ok) throw new Error(result.formError ?? "The search failed.");
          return result.data;
        }}
        placeholder="Search people of this project"
        noMatch={(q) => `Nobody in this project matches "${q}".`}
        value={draft.recipients}
        onChange={(recipients) => setDraft({ ...draft, recipients })}
        errors={fieldErrors.recipientIds}
      />
      {groups.data ? (
        <Checkboxes
          legend="And the members of these groups"
          options={groups.data}
          value={draft.groupIds}
          onChange={(groupIds) => setDraft({ ...draft, groupIds })}
          errors={fieldErrors.groupIds}
          empty="No groups in this organization (or its plan has none)."
        />
      ) : (
        <p role={groups.isError ? "alert" : "status"} className="text-sm text-slate-600">
          {groups.isError ? groups.error.message : "Loading groups…"}
        </p>
      )}
    </FormDialog>
  );
}
