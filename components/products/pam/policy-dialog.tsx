"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { PeoplePicker, type PickedPerson } from "@/components/ui/people-picker";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useEditDialog } from "@/components/ui/use-edit-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FieldErrors } from "@/lib/platform/errors";
import { createAccessPolicyAction, findPolicyPeopleAction, updateAccessPolicyAction } from "@/lib/products/pam/pam-actions";
import { coverageInWords } from "@/lib/products/pam/vocabulary";

type Ref = { orgSlug: string; projectSlug: string };
type RoleOption = { slug: string; label: string };

/** A policy as the form holds it: numbers as typed, people as chips. */
export type PolicyDraft = {
  name: string;
  resourceGlob: string;
  accountGlob: string;
  requiredApprovals: string;
  approverRole: string;
  maxDurationMinutes: string;
  approvers: PickedPerson[];
  breakGlass: PickedPerson[];
};

const NEW_POLICY: PolicyDraft = {
  name: "",
  resourceGlob: "*",
  accountGlob: "*",
  requiredApprovals: "1",
  approverRole: "admin",
  maxDurationMinutes: "60",
  approvers: [],
  breakGlass: [],
};

function PolicyFields({
  project,
  draft,
  onChange,
  errors,
  roles,
}: {
  project: Ref;
  draft: PolicyDraft;
  onChange(next: PolicyDraft): void;
  errors: FieldErrors;
  roles: RoleOption[];
}) {
  const set = (key: keyof PolicyDraft) => (event: { target: { value: string } }) => onChange({ ...draft, [key]: event.target.value });
  const searchPeople = async (q: string) => {
    const result = await findPolicyPeopleAction({ ...project, q });
    if (!result.ok) throw new Error(result.formError ?? "The search failed.");
    return result.data;
  };
  const picker = {
    queryKey: ["policy-people", project.orgSlug, project.projectSlug],
    search: searchPeople,
    placeholder: "Search people of this project",
    noMatch: (q: string) => `Nobody in this project matches "${q}".`,
  };
  return (
    <>
      <TextField label="Name" value={draft.name} onChange={set("name")} placeholder="Production needs two" errors={errors.name} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Databases (name pattern)"
          value={draft.resourceGlob}
          onChange={set("resourceGlob")}
          hint="* matches any name."
          errors={errors.resourceGlob}
        />
        <TextField
          label="Accounts (role pattern)"
          value={draft.accountGlob}
          onChange={set("accountGlob")}
          hint="app_* matches app_readonly."
          errors={errors.accountGlob}
        />
      </div>
      <p className="text-sm text-slate-700" aria-live="polite">
        Covers: {draft.resourceGlob.trim() && draft.accountGlob.trim() ? coverageInWords(draft.accountGlob.trim(), draft.resourceGlob.trim()) : "nothing yet"}.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Approvals needed"
          inputMode="numeric"
          value={draft.requiredApprovals}
          onChange={set("requiredApprovals")}
          errors={errors.requiredApprovals}
        />
        <TextField
          label="Longest access (minutes)"
          inputMode="numeric"
          value={draft.maxDurationMinutes}
          onChange={set("maxDurationMinutes")}
          errors={errors.maxDurationMinutes}
        />
      </div>
      <SelectField
        label="Holders of this role approve"
        value={draft.approverRole}
        onChange={set("approverRole")}
        options={[{ value: "", label: "Nobody by role" }, ...roles.map((role) => ({ value: role.slug, label: role.label }))]}
        errors={errors.approverRole}
      />
      <PeoplePicker
        {...picker}
        label="And these people approve"
        hint="Nobody approves their own request."
        value={draft.approvers}
        onChange={(approvers) => onChange({ ...draft, approvers })}
        errors={errors.approverIds}
      />
      <PeoplePicker
        {...picker}
        label="Break-glass: these people may grant themselves access"
        hint="With a reason; approvers are told. Leave empty for nobody. You cannot name yourself."
        value={draft.breakGlass}
        onChange={(breakGlass) => onChange({ ...draft, breakGlass })}
        errors={errors.breakGlassIds}
      />
    </>
  );
}

const toInput = (ref: Ref, { approvers, breakGlass, ...draft }: PolicyDraft) => ({
  ...ref,
  ...draft,
  approverIds: approvers.map((person) => person.userId),
  breakGlassIds: breakGlass.map((person) => person.userId),
});

/** Who approves which accounts, how many approvals, how long at most, and who may break glass. */
export function CreatePolicyDialog({ roles, ...ref }: Ref & { roles: RoleOption[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(NEW_POLICY);
  const { submit, pending, fieldErrors, formError } = useFormAction(createAccessPolicyAction, () => {
    setOpen(false);
    setDraft(NEW_POLICY);
    router.refresh();
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button>Create policy</Button>}
      title="Create an access policy"
      description="Requests for the accounts it covers need these approvals. Where several policies cover an account, the strictest applies."
      formError={formError}
      submitLabel="Create policy"
      pendingLabel="Creating…"
      pending={pending}
      onSubmit={() => submit(toInput(ref, draft))}>
      <PolicyFields project={ref} draft={draft} onChange={setDraft} errors={fieldErrors} roles={roles} />
    </FormDialog>
  );
}

/** The same form over a policy that exists; the editor becomes its author (break-glass is then their approval in advance). */
export function EditPolicyDialog({ roles, policyId, policy, ...ref }: Ref & { roles: RoleOption[]; policyId: string; policy: PolicyDraft }) {
  const { submit, pending, fieldErrors, formError, open, onOpenChange, draft, setDraft } = useEditDialog(updateAccessPolicyAction, policy);
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
      description="Pending requests keep the approvals they were asked with. Saving makes you this policy's author: its break-glass list then stands on your own right to approve."
      formError={formError}
      submitLabel="Save policy"
      pendingLabel="Saving…"
      pending={pending}
      onSubmit={() => submit({ ...toInput(ref, draft), policyId })}>
      <PolicyFields project={ref} draft={draft} onChange={setDraft} errors={fieldErrors} roles={roles} />
    </FormDialog>
  );
}
