"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { certificateFileAction, renewCertificateAction, revokeCertificateAction } from "@/lib/products/pki/pki-actions";
import { certificateFileBase, REVOCATION_REASON_LABELS, type RevocationReason } from "@/lib/products/pki/vocabulary";
import { PemBlock, saveFile } from "@/components/ui/pem-block";

type Ref = { orgSlug: string; projectSlug: string; certificateId: string };
type File = "certificate" | "fullchain" | "chain" | "der" | "private-key";
const LABELS: Record<File, string> = {
  certificate: "Certificate (PEM)",
  fullchain: "Full chain (PEM)",
  chain: "CA chain (PEM)",
  der: "Certificate (DER)",
  "private-key": "Private key",
};

/** Downloads through the server action, so the private key is checked and audited on each. */
export function CertificateDownloads({ files, ...ref }: Ref & { files: File[] }) {
  const { submit, pending, formError } = useFormAction(certificateFileAction, (file) =>
    saveFile(
      file.filename,
      file.contentType,
      Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0)),
    ),
  );
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {files.map((file) => (
          <Button key={file} variant="secondary" disabled={pending} onClick={() => submit({ ...ref, file })}>
            Download {LABELS[file].toLowerCase()}
          </Button>
        ))}
      </div>
      <FormMessage message={formError} />
    </div>
  );
}

/** Renews after asking (same names, new serial; a new key when chosen, shown once). */
export function RenewCertificateButton(ref: Ref) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [newKey, setNewKey] = useState(false);
  const [renewedKey, setRenewedKey] = useState<{ pem: string; filename: string } | null>(null);
  const { submit, pending, formError } = useFormAction(renewCertificateAction, (result) => {
    setOpen(false);
    setRenewedKey(result.privateKeyPem ? { pem: result.privateKeyPem, filename: `${certificateFileBase(result.commonName)}.key.pem` } : null);
    if (!result.privateKeyPem) router.push(`/orgs/${ref.orgSlug}/projects/${ref.projectSlug}/certificates/${result.certificateId}`);
  });
  return (
    <>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        trigger="Renew"
        title="Renew this certificate?"
        body="A new certificate for the same names and lifetime, from the same CA, with a new serial. This one stays valid until it expires or is revoked."
        details={
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={newKey} onChange={(event) => setNewKey(event.target.checked)} />
            With a new key (shown once)
          </label>
        }
        confirm="Renew certificate"
        pending={pending}
        formError={formError}
        onConfirm={() => submit({ ...ref, newKey })}
      />
      {renewedKey ? (
        <div role="status" className="mt-3 flex flex-col gap-2 rounded-md border border-green-200 bg-green-50 p-3">
          <p className="text-sm text-green-900">Renewed with a new key. Save it now: it is not shown again.</p>
          <PemBlock label="New private key" pem={renewedKey.pem} filename={renewedKey.filename} />
        </div>
      ) : null}
    </>
  );
}

/** Revokes with an RFC 5280 reason, after asking; the CA's CRL is re-signed at once. */
export function RevokeCertificateButton(ref: Ref & { commonName: string }) {
  const [reason, setReason] = useState<RevocationReason | "">("");
  return (
    <ConfirmActionButton
      action={revokeCertificateAction}
      input={{ orgSlug: ref.orgSlug, projectSlug: ref.projectSlug, certificateId: ref.certificateId, reason: reason as RevocationReason }}
      trigger="Revoke"
      triggerLabel={`Revoke ${ref.commonName}`}
      title={`Revoke ${ref.commonName}?`}
      body="It is listed on the CA's CRL at once, and clients that check revocation refuse it. This cannot be undone."
      details={(fieldErrors) => (
        <SelectField
          label="Reason"
          value={reason}
          onChange={(event) => setReason(event.target.value as RevocationReason)}
          options={[
            { value: "", label: "Choose a reason" },
            ...(Object.keys(REVOCATION_REASON_LABELS) as RevocationReason[]).map((value) => ({ value, label: REVOCATION_REASON_LABELS[value] })),
          ]}
          errors={fieldErrors.reason}
        />
      )}
      confirm="Revoke certificate"
      confirmDisabled={reason === ""}
    />
  );
}
