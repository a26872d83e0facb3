"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { FormMessage } from "@/components/ui/form-message";
import { TextAreaField } from "@/components/ui/text-area-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { deleteCaAction, importCaCertificateAction, setCaEnabledAction } from "@/lib/products/pki/pki-actions";

type Ref = { orgSlug: string; projectSlug: string; caId: string; name: string };

/** Disabling asks first (nothing is issued from it until enabled again); enabling does not. */
export function CaEnabledButton({ enabled, ...ref }: Ref & { enabled: boolean }) {
  const router = useRouter();
  const { submit, pending, formError } = useFormAction(setCaEnabledAction, () => router.refresh());
  const input = { orgSlug: ref.orgSlug, projectSlug: ref.projectSlug, caId: ref.caId };
  if (!enabled) {
    return (
      <span className="flex flex-col items-end gap-1">
        <Button variant="secondary" disabled={pending} onClick={() => submit({ ...input, enabled: true })}>
          {pending ? "Enabling…" : "Enable CA"}
        </Button>
        <FormMessage message={formError} />
      </span>
    );
  }
  return (
    <ConfirmActionButton
      action={setCaEnabledAction}
      input={{ ...input, enabled: false }}
      trigger="Disable CA"
      title={`Disable ${ref.name}?`}
      body="It issues nothing until it is enabled again: no certificates, no intermediates. What it signed stays valid, and its CRL is still published and re-signed."
      confirm="Disable CA"
    />
  );
}

/** Deletes a CA that signed nothing, after asking. */
export function DeleteCaButton(ref: Ref) {
  return (
    <ConfirmActionButton
      action={deleteCaAction}
      input={{ orgSlug: ref.orgSlug, projectSlug: ref.projectSlug, caId: ref.caId }}
      goTo={`/orgs/${ref.orgSlug}/projects/${ref.projectSlug}/certificate-authorities`}
      trigger="Delete CA"
      title={`Delete ${ref.name}?`}
      body="Its key is destroyed. Only a CA that has signed nothing can be deleted; otherwise disable it."
      confirm="Delete CA"
    />
  );
}

/** Imports the certificate an outside root signed for this CA's CSR, with the chain above it. */
export function ImportCaCertificateForm({ orgSlug, projectSlug, caId }: Omit<Ref, "name">) {
  const router = useRouter();
  const [certificate, setCertificate] = useState("");
  const [chain, setChain] = useState("");
  const { submit, pending, fieldErrors, formError } = useFormAction(importCaCertificateAction, () => router.refresh());
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit({ orgSlug, projectSlug, caId, certificate, chain });
  }
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Import the signed certificate" className="flex flex-col gap-3">
      <FormMessage message={formError} />
      <TextAreaField
        label="Signed certificate (PEM)"
        rows={6}
        value={certificate}
        onChange={(event) => setCertificate(event.target.value)}
        placeholder="-----BEGIN CERTIFICATE-----"
        errors={fieldErrors.certificate}
      />
      <TextAreaField
        label="Chain above it (PEM, issuer first, up to the root)"
        rows={6}
        value={chain}
        onChange={(event) => setChain(event.target.value)}
        errors={fieldErrors.chain}
      />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Importing…" : "Import certificate"}
        </Button>
      </div>
    </form>
  );
}
