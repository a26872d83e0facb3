"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkboxes, type Option } from "@/components/ui/checkboxes";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { useEditDialog } from "@/components/ui/use-edit-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FieldErrors } from "@/lib/platform/errors";
import { createProfileAction, deleteProfileAction, editProfileAction } from "@/lib/products/pki/pki-actions";
import {
  EXTENDED_KEY_USAGE_LABELS,
  KEY_ALGORITHM_LABELS,
  KEY_ALGORITHMS,
  KEY_USAGE_LABELS,
  type ExtendedKeyUsage,
  type KeyAlgorithm,
  type KeyUsage,
} from "@/lib/products/pki/vocabulary";

type Ref = { orgSlug: string; projectSlug: string };

/** A profile as the form holds it: names as typed (one per line), days as typed. */
export type ProfileDraft = {
  name: string;
  description: string;
  caId: string;
  allowedNames: string;
  allowWildcards: boolean;
  allowIpAddresses: boolean;
  keyAlgorithms: KeyAlgorithm[];
  keyUsages: KeyUsage[];
  extendedKeyUsages: ExtendedKeyUsage[];
  maxValidityDays: string;
};

const newProfile = (caId: string): ProfileDraft => ({
  name: "",
  description: "",
  caId,
  allowedNames: "",
  allowWildcards: false,
  allowIpAddresses: false,
  keyAlgorithms: ["EC_P256", "EC_P384", "RSA_2048", "RSA_4096"],
  keyUsages: ["digitalSignature", "keyEncipherment"],
  extendedKeyUsages: ["serverAuth"],
  maxValidityDays: "90",
});

const options = (labels: Record<string, string>): Option[] => Object.entries(labels).map(([value, label]) => ({ value, label }));
const KEY_OPTIONS = KEY_ALGORITHMS.map((value) => ({ value, label: KEY_ALGORITHM_LABELS[value] }));

function ProfileFields({ draft, onChange, errors, cas }: { draft: ProfileDraft; onChange(next: ProfileDraft): void; errors: FieldErrors; cas: Option[] }) {
  const set = (key: "name" | "description" | "caId" | "allowedNames" | "maxValidityDays") => (event: { target: { value: string } }) =>
    onChange({ ...draft, [key]: event.target.value });
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" value={draft.name} onChange={set("name")} placeholder="Internal services" errors={errors.name} />
        <SelectField label="Issuing CA" value={draft.caId} onChange={set("caId")} options={cas} errors={errors.caId} />
      </div>
      <TextField label="Description" value={draft.description} onChange={set("description")} errors={errors.description} />
      <TextAreaField
        label="Allowed names"
        rows={3}
        value={draft.allowedNames}
        onChange={set("allowedNames")}
        placeholder={"*.svc.internal\napi.example.com"}
        hint="One pattern per line: * matches any characters, ? one. Every common name, DNS name and email address must match one."
        errors={errors.allowedNames}
      />
      <fieldset className="flex flex-col gap-1 text-sm">
        <legend className="mb-1 font-medium">Also allow</legend>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={draft.allowWildcards} onChange={(event) => onChange({ ...draft, allowWildcards: event.target.checked })} />
          Wildcard names (*.example.com)
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={draft.allowIpAddresses} onChange={(event) => onChange({ ...draft, allowIpAddresses: event.target.checked })} />
          IP addresses
        </label>
      </fieldset>
      <TextField
        label="Longest validity (days)"
        inputMode="numeric"
        value={draft.maxValidityDays}
        onChange={set("maxValidityDays")}
        hint="ACME certificates get this many days."
        errors={errors.maxValidityDays}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <Checkboxes
          legend="Key types"
          options={KEY_OPTIONS}
          value={draft.keyAlgorithms}
          onChange={(keyAlgorithms) => onChange({ ...draft, keyAlgorithms: keyAlgorithms as KeyAlgorithm[] })}
          errors={errors.keyAlgorithms}
        />
        <Checkboxes
          legend="Key usages"
          options={options(KEY_USAGE_LABELS)}
          value={draft.keyUsages}
          onChange={(keyUsages) => onChange({ ...draft, keyUsages: keyUsages as KeyUsage[] })}
          errors={errors.keyUsages}
        />
        <Checkboxes
          legend="Extended key usages"
          options={options(EXTENDED_KEY_USAGE_LABELS)}
          value={draft.extendedKeyUsages}
          onChange={(extendedKeyUsages) => onChange({ ...draft, extendedKeyUsages: extendedKeyUsages as ExtendedKeyUsage[] })}
          errors={errors.extendedKeyUsages}
        />
      </div>
    </>
  );
}

/** A new profile; opens at once when the page was reached from a CA's "Create profile". */
export function CreateProfileDialog({ cas, openFor, ...ref }: Ref & { cas: Option[]; openFor?: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(Boolean(openFor));
  const [draft, setDraft] = useState(newProfile(openFor ?? cas[0]?.value ?? ""));
  const { submit, pending, fieldErrors, formError } = useFormAction(createProfileAction, () => {
    setOpen(false);
    setDraft(newProfile(cas[0]?.value ?? ""));
    router.refresh();
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button disabled={cas.length === 0}>Create profile</Button>}
      title="Create a certificate profile"
      description="What one CA may issue: names, key types, usages and the longest life. Every certificate, from here, the API or ACME, goes through a profile."
      formError={formError}
      submitLabel="Create profile"
      pendingLabel="Creating…"
      pending={pending}
      onSubmit={() => submit({ ...ref, ...draft })}>
      <ProfileFields draft={draft} onChange={setDraft} errors={fieldErrors} cas={cas} />
    </FormDialog>
  );
}

export function EditProfileDialog({ cas, profileId, profile, ...ref }: Ref & { cas: Option[]; profileId: string; profile: ProfileDraft }) {
  const { submit, pending, fieldErrors, formError, open, onOpenChange, draft, setDraft } = useEditDialog(editProfileAction, profile);
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={
        <Button variant="secondary" className="px-3 py-1" aria-label={`Edit profile ${profile.name}`}>
          Edit
        </Button>
      }
      title={`Edit ${profile.name}`}
      description="Applies to the next certificate and renewal through it, ACME's included; certificates already issued stay as they are."
      formError={formError}
      submitLabel="Save profile"
      pendingLabel="Saving…"
      pending={pending}
      onSubmit={() => submit({ ...ref, ...draft, profileId })}>
      <ProfileFields draft={draft} onChange={setDraft} errors={fieldErrors} cas={cas} />
    </FormDialog>
  );
}

export function DeleteProfileButton({ profileId, name, ...ref }: Ref & { profileId: string; name: string }) {
  return (
    <ConfirmActionButton
      action={deleteProfileAction}
      input={{ ...ref, profileId }}
      trigger="Delete"
      triggerLabel={`Delete profile ${name}`}
      title={`Delete the profile ${name}?`}
      body="Nothing can be issued through it any more, and its ACME keys and accounts stop working."
      confirm="Delete profile"
    />
  );
}
