"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { createPamResourceAction } from "@/lib/products/pam/pam-actions";
import { TLS_MODE_LABELS, TLS_MODES, type TlsMode } from "@/lib/products/pam/vocabulary";

const EMPTY = { name: "", host: "", port: "5432", database: "", tlsMode: "REQUIRE", brokerUser: "", brokerPassword: "" };

/** Adds a PostgreSQL database; the broker must log in before it is saved. */
export function AddResourceDialog({ orgSlug, projectSlug }: { orgSlug: string; projectSlug: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [fields, setFields] = useState(EMPTY);
  const set = (key: keyof typeof EMPTY) => (event: { target: { value: string } }) => setFields((current) => ({ ...current, [key]: event.target.value }));
  const {
    submit,
    pending,
    fieldErrors: errors,
    formError,
  } = useFormAction(createPamResourceAction, () => {
    setOpen(false);
    setFields(EMPTY);
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
      onSubmit={() => submit({ orgSlug, projectSlug, ...fields, tlsMode: fields.tlsMode as TlsMode })}>
      <TextField
        label="Name"
        value={fields.name}
        onChange={set("name")}
        placeholder="Orders (production)"
        hint="How roles and policies name it."
        errors={errors.name}
      />
      <div className="grid gap-4 sm:grid-cols-[1fr_7rem]">
        <TextField label="Host" value={fields.host} onChange={set("host")} placeholder="db.internal" errors={errors.host} />
        <TextField label="Port" inputMode="numeric" value={fields.port} onChange={set("port")} errors={errors.port} />
      </div>
      <TextField label="Database" value={fields.database} onChange={set("database")} placeholder="orders" errors={errors.database} />
      <SelectField
        label="TLS"
        value={fields.tlsMode}
        onChange={set("tlsMode")}
        options={TLS_MODES.map((value) => ({ value, label: TLS_MODE_LABELS[value] }))}
        errors={errors.tlsMode}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Broker user"
          value={fields.brokerUser}
          onChange={set("brokerUser")}
          autoComplete="off"
          placeholder="tessera_broker"
          errors={errors.brokerUser}
        />
        <TextField
          label="Broker password"
          type="password"
          value={fields.brokerPassword}
          onChange={set("brokerPassword")}
          autoComplete="new-password"
          errors={errors.brokerPassword}
        />
      </div>
    </FormDialog>
  );
}
