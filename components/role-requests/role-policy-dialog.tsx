"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkboxes, type Option } from "@/components/ui/checkboxes";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { FormDialog } from "@/components/ui/form-dialog";
import { PeoplePicker, type PickedPerson } from "@/components/ui/people-picker";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useEditDialog } from "@/components/ui/use-edit-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import { findProjectPeopleAction } from "@/lib/platform/actions/project-member-actions";
import { createRolePolicyAction, deleteRolePolicyAction, updateRolePolicyAction } from "@/lib/platform/actions/role-request-actions";
import type { FieldErrors } from "@/lib/platform/errors";
import { DURATION_CHOICES } from "@/lib/platform/role-requests/vocabulary";

type Ref = { orgSlug: string; projectSlug: string };

/** A policy as the form holds it: numbers as typed, roles and groups as ticked slugs and ids, people as chips. */
export type RolePolicyDraft = {
  name: string;
  roles: string[];
  requiredApprovals: string;
  approverRole: string;
  approverGroupIds: string[];
  maxDurationMinutes: string;
  approvers: PickedPerson[];
  breakGlass: PickedPerson[];
};

const NEW_POLICY: RolePolicyDraft = {
  name: "",
  roles: [],
  requiredApprovals: "1",
  approverRole: "admin",
  approverGroupIds: [],
  maxDurationMinutes: String(8 * 60),
  approvers: [],
  breakGlass: [],
};

type Choices = { roles: Option[]; groups: Option[] };

function PolicyFields({
  project,
  draft,
  onChange,
  errors,
  choices,
}: {
  project: Ref;
  draft: RolePolicyDraft;
  onChange(next: RolePolicyDraft): void;
  errors: FieldErrors;
  choices: Choices;
}) {
  const set = (key: keyof RolePolicyDraft) => (event: { target: { value: string } }) => onChange({ ...draft, [key]: event.target.value });
  const picker = {
    queryKey: ["project-people", project.orgSlug, project.projectSlug],
    search: async (q: string) => {
      const result = await findProjectPeopleAction({ ...project, q });
      if (!result.ok) throw new Error(result.formError ?? "The search failed.");
      return result.data;
    },
    placeholder: "Search people of this project",
    noMatch: (q: string) => `Nobody in this project matches "${q}".`,
  };
  return (
    <>
      <TextField label="Name" value={draft.name} onChange={set("name")} placeholder="Developers on call" errors={errors.name} />
      <Checkboxes
        legend="Roles people may ask for"
        options={choices.roles}
        value={draft.roles}
        onChange={(roles) => onChange({ ...draft, roles })}
        errors={errors.roles}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Approvals needed"
          inputMode="numeric"
          value={draft.requiredApprovals}
          onChange={set("requiredApprovals")}
          errors={errors.requiredApprovals}
        />
        <SelectField
          label="Longest time"
          value={draft.maxDurationMinutes}
          onChange={set("maxDurationMinutes")}
          options={DURATION_CHOICES.map((choice) => ({ value: String(choice.minutes), label: choice.label }))}
          errors={errors.maxDurationMinutes}
        />
      </div>
      <SelectField
        label="Holders of this role approve"
        value={draft.approverRole}
        onChange={set("approverRole")}
        options={[{ value: "", label: "Nobody by role" }, ...choices.roles]}
        errors={errors.approverRole}
      />
      <Checkboxes
        legend="Members of these groups approve"
        options={choices.groups}
        value={draft.approverGroupIds}
        onChange={(approverGroupIds) => onChange({ ...draft, approverGroupIds })}
        errors={errors.approverGroupIds}
      />
      <PeoplePicker
        {...picker}
        label="And these people approve"
        hint="Each must still be allowed to approve, and hold all the role allows, when they decide. Nobody approves their own request."
        value={draft.approvers}
        onChange={(approvers) => onChange({ ...draft, approvers })}
        errors={errors.approverIds}
      />
      <PeoplePicker
        {...picker}
        label="Break-glass: these people may take a role at once"
        hint="With a reason; every approver is told. Leave empty for nobody. You cannot name yourself."
        value={draft.breakGlass}
        onChange={(breakGlass) => onChange({ ...draft, breakGlass })}
        errors={errors.breakGlassIds}
      />
    </>
  );
}

const toInput = (ref: Ref, { approvers, breakGlass, ...draft }: RolePolicyDraft) => ({
  ...ref,
  ...draft,
  approverIds: approvers.map((person) => person.userId),
  breakGlassIds: breakGlass.map((person) => person.userId),
});

/** Which roles may be asked for, whose approvals they need, and for how long at most. */
export function CreateRolePolicyDialog({ choices, ...ref }: Ref & { choices: Choices }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(NEW_POLICY);
  const { submit, pending, fieldErrors, formError } = useFormAction(createRolePolicyAction, () => {
    setOpen(false);
    setDraft(NEW_POLICY);
    router.refresh();
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button>Create policy</Button>}
      title="Create a request policy"
      description="Once a project has policies, only the roles they list can be requested. Where several list a role, the strictest applies."
      formError={formError}
      submitLabel="Create policy"
      pendingLabel="Creating…"
      pending={pending}
      onSubmit={() => submit(toInput(ref, draft))}>
      <PolicyFields project={ref} draft={draft} onChange={setDraft} errors={fieldErrors} choices={choices} />
    </FormDialog>
  );
}

/** The same form over a policy that exists; the editor becomes its author. */
export function EditRolePolicyDialog({ choices, policyId, policy, ...ref }: Ref & { choices: Choices; policyId: string; policy: RolePolicyDraft }) {
  const { submit, pending, fieldErrors, formError, open, onOpenChange, draft, setDraft } = useEditDialog(updateRolePolicyAction, policy);
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={
        <Button variant="secondary" className="px-3 py-1" aria-label={`Edit policy ${policy.name}`}>
          Edit
        </Button>
      }
      title={`Edit ${policy.name}`}
      description="Waiting requests keep the approvers they were asked with. Saving makes you this policy's author: its break-glass list then stands on your own right to approve."
      formError={formError}
      submitLabel="Save policy"
      pendingLabel="Saving…"
      pending={pending}
      onSubmit={() => submit({ ...toInput(ref, draft), policyId })}>
      <PolicyFields project={ref} draft={draft} onChange={setDraft} errors={fieldErrors} choices={choices} />
    </FormDialog>
  );
}

export function DeleteRolePolicyButton({ policyId, name, ...ref }: Ref & { policyId: string; name: string }) {
  return (
    <ConfirmActionButton
      action={deleteRolePolicyAction}
      input={{ ...ref, policyId }}
      trigger="Delete"
      triggerLabel={`Delete policy ${name}`}
      title={`Delete the policy ${name}?`}
      body="Requests already waiting keep the approvers they were asked with. New requests follow the policies left; with none left, the default applies (any role, one project Admin approves)."
      confirm="Delete policy"
    />
  );
}
