"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldShell } from "@/components/ui/field-shell";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { createAccessPolicyAction } from "@/lib/products/pam/pam-actions";

type Person = { id: string; name: string; email: string };
const EMPTY = { name: "", resourceGlob: "*", accountGlob: "*", requiredApprovals: "1", approverRole: "admin", maxDurationMinutes: "60" };

function PeopleSelect({
  label,
  hint,
  people,
  value,
  onChange,
  errors,
}: {
  label: string;
  hint: string;
  people: Person[];
  value: string[];
  onChange(ids: string[]): void;
  errors?: string[];
}) {
  return (
    <FieldShell label={label} hint={hint} errors={errors}>
      {(control) => (
        <select
          {...control}
          multiple
          size={Math.min(6, Math.max(3, people.length))}
          value={value}
          onChange={(event) => onChange(Array.from(event.target.selectedOptions, (option) => option.value))}
          className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm">
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name} ({person.email})
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

/** Who approves which accounts, how many approvals, how long at most, and who may break glass. */
export function CreatePolicyDialog({
  orgSlug,
  projectSlug,
  people,
  roles,
}: {
  orgSlug: string;
  projectSlug: string;
  people: Person[];
  roles: Array<{ slug: string; label: string }>;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [fields, setFields] = useState(EMPTY);
  const [approverIds, setApproverIds] = useState<string[]>([]);
  const [breakGlassIds, setBreakGlassIds] = useState<string[]>([]);
  const set = (key: keyof typeof EMPTY) => (event: { target: { value: string } }) => setFields((current) => ({ ...current, [key]: event.target.value }));
  const {
    submit,
    pending,
    fieldErrors: errors,
    formError,
  } = useFormAction(createAccessPolicyAction, () => {
    setOpen(false);
    setFields(EMPTY);
    setApproverIds([]);
    setBreakGlassIds([]);
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
      onSubmit={() => submit({ orgSlug, projectSlug, ...fields, approverIds, breakGlassIds })}>
      <TextField label="Name" value={fields.name} onChange={set("name")} placeholder="Production needs two" errors={errors.name} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Databases (name pattern)"
          value={fields.resourceGlob}
          onChange={set("resourceGlob")}
          hint="* matches any name."
          errors={errors.resourceGlob}
        />
        <TextField
          label="Accounts (role pattern)"
          value={fields.accountGlob}
          onChange={set("accountGlob")}
          hint="app_* matches app_readonly."
          errors={errors.accountGlob}
        />
        <TextField
          label="Approvals needed"
          inputMode="numeric"
          value={fields.requiredApprovals}
          onChange={set("requiredApprovals")}
          errors={errors.requiredApprovals}
        />
        <TextField
          label="Longest access (minutes)"
          inputMode="numeric"
          value={fields.maxDurationMinutes}
          onChange={set("maxDurationMinutes")}
          errors={errors.maxDurationMinutes}
        />
      </div>
      <SelectField
        label="Holders of this role approve"
        value={fields.approverRole}
        onChange={set("approverRole")}
        options={[{ value: "", label: "Nobody by role" }, ...roles.map((role) => ({ value: role.slug, label: role.label }))]}
        errors={errors.approverRole}
      />
      <PeopleSelect
        label="And these people approve"
        hint="Ctrl or ⌘ to pick several. Nobody approves their own request."
        people={people}
        value={approverIds}
        onChange={setApproverIds}
        errors={errors.approverIds}
      />
      <PeopleSelect
        label="Break-glass: these people may grant themselves access"
        hint="With a reason; approvers are told. Leave empty for nobody."
        people={people}
        value={breakGlassIds}
        onChange={setBreakGlassIds}
        errors={errors.breakGlassIds}
      />
    </FormDialog>
  );
}
