"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { useEditDialog } from "@/components/ui/use-edit-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FieldErrors } from "@/lib/platform/errors";
import { createPamResourceAction, updatePamResourceAction } from "@/lib/products/pam/pam-actions";
import { TLS_MODE_LABELS, TLS_MODES, type TlsMode } from "@/lib/products/pam/vocabulary";

type Ref = { orgSlug: string; projectSlug: string };

/** How Tessera reaches a database, as the form holds it. */
export type ConnectionDraft = {
  host: string;
  port: string;
  database: string;
  tlsMode: TlsMode;
  caCertificate: string;
  brokerUser: string;
  brokerPassword: string;
};

const NEW_RESOURCE = { name: "", host: "", port: "5432", database: "", tlsMode: "REQUIRE" as TlsMode, caCertificate: "", brokerUser: "", brokerPassword: "" };

function ConnectionFields({
  draft,
  onChange,
  errors,
  editing,
}: {
  draft: ConnectionDraft;
  onChange(next: ConnectionDraft): void;
  errors: FieldErrors;
  editing: boolean;
}) {
  const set = (key: keyof ConnectionDraft) => (event: { target: { value: string } }) => onChange({ ...draft, [key]: event.target.value });
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-[1fr_7rem]">
        <TextField label="Host" value={draft.host} onChange={set("host")} placeholder="db.internal" errors={errors.host} />
        <TextField label="Port" inputMode="numeric" value={draft.port} onChange={set("port")} errors={errors.port} />
      </div>
      <TextField label="Database" value={draft.database} onChange={set("database")} placeholder="orders" errors={errors.database} />
      <SelectField
        label="TLS"
        value={draft.tlsMode}
        onChange={set("tlsMode")}
        options={TLS_MODES.map((value) => ({ value, label: TLS_MODE_LABELS[value] }))}
        errors={errors.tlsMode}
      />
      {draft.tlsMode === "VERIFY_FULL" ? (
        <TextAreaField
          label="CA certificate (optional)"
          rows={4}
          value={draft.caCertificate}
          onChange={set("caCertificate")}
          placeholder="-----BEGIN CERTIFICATE-----"
          hint="The PEM certificate(s) the database's certificate is signed by, for a private CA. Empty: the system's CAs."
          errors={errors.caCertificate}
        />
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Broker user"
          value={draft.brokerUser}
          onChange={set("brokerUser")}
          autoComplete="off"
          placeholder="tessera_broker"
          errors={errors.brokerUser}
        />
        <TextField
          label={editing ? "New broker password" : "Broker password"}
          type="password"
          value={draft.brokerPassword}
          onChange={set("brokerPassword")}
          autoComplete="new-password"
          hint={editing ? "Leave empty to keep the saved one. After changing it on the database, enter it here." : undefined}
          errors={errors.brokerPassword}
        />
      </div>
    </>
  );
}

// A CA certificate is sent only with the mode that uses it (the server refuses it otherwise).
const connectionInput = ({ caCertificate, ...draft }: ConnectionDraft) => ({ ...draft, caCertificate: draft.tlsMode === "VERIFY_FULL" ? caCertificate : "" });

/** Adds a PostgreSQL database; the broker must log in before it is saved. */
export function AddResourceDialog(ref: Ref) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(NEW_RESOURCE);
  const { submit, pending, fieldErrors, formError } = useFormAction(createPamResourceAction, () => {
    setOpen(false);
    setDraft(NEW_RESOURCE);
    router.refresh();
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button>Add database</Button>}
      title="Add a PostgreSQL database"
      description="Tessera logs in as the broker to check it before saving. The broker's password is sealed under this project's key."
      formError={formError}
      submitLabel="Check and add"
      pendingLabel="Connecting…"
      pending={pending}
      onSubmit={() => submit({ ...ref, name: draft.name, ...connectionInput(draft) })}>
      <TextField
        label="Name"
        value={draft.name}
        onChange={(event) => setDraft({ ...draft, name: event.target.value })}
        placeholder="Orders (production)"
        hint="How roles and policies name it."
        errors={fieldErrors.name}
      />
      <ConnectionFields draft={draft} onChange={(next) => setDraft({ ...draft, ...next })} errors={fieldErrors} editing={false} />
    </FormDialog>
  );
}

/** Changes how Tessera reaches a database; the new settings must log in before they are saved. */
export function EditResourceDialog({
  resourceId,
  name,
  current,
  ...ref
}: Ref & { resourceId: string; name: string; current: Omit<ConnectionDraft, "brokerPassword"> }) {
  const start = { ...current, brokerPassword: "" };
  const { submit, pending, fieldErrors, formError, open, onOpenChange, draft, setDraft } = useEditDialog(updatePamResourceAction, start);
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={
        <Button variant="secondary" aria-label={`Edit ${name}`}>
          Edit
        </Button>
      }
      title={`Edit ${name}`}
      description="Tessera logs in with the new settings before saving them. A database with active grants keeps its address until they end."
      formError={formError}
      submitLabel="Check and save"
      pendingLabel="Connecting…"
      pending={pending}
      onSubmit={() => submit({ ...ref, resourceId, ...connectionInput(draft) })}>
      <ConnectionFields draft={draft} onChange={setDraft} errors={fieldErrors} editing />
    </FormDialog>
  );
}
