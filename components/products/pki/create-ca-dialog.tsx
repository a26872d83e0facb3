"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { createIntermediateCaAction, createRootCaAction } from "@/lib/products/pki/pki-actions";
import { KEY_ALGORITHM_LABELS, KEY_ALGORITHMS, type KeyAlgorithm } from "@/lib/products/pki/vocabulary";

type Kind = "root" | "intermediate" | "outside";
const EMPTY = {
  name: "",
  commonName: "",
  organization: "",
  organizationalUnit: "",
  country: "",
  state: "",
  locality: "",
  keyAlgorithm: "EC_P256",
  validityDays: "3650",
  maxPathLength: "",
  permittedDnsNames: "",
  excludedDnsNames: "",
  permittedIpRanges: "",
  excludedIpRanges: "",
};

/** Creates a root CA, an intermediate signed by a CA here, or one to be signed outside (then its CSR). */
export function CreateCaDialog({
  orgSlug,
  projectSlug,
  parents,
  intermediateOf,
  openAtOnce = false,
}: {
  orgSlug: string;
  projectSlug: string;
  parents: Array<{ id: string; name: string }>;
  /** Opens at once, for an intermediate under this CA (its page's "Create intermediate"). */
  intermediateOf?: string;
  /** Opens at once (the overview's "Create your first CA"). */
  openAtOnce?: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(openAtOnce || intermediateOf !== undefined);
  const [kind, setKind] = useState<Kind>(parents.length ? "intermediate" : "root");
  const [parentId, setParentId] = useState(intermediateOf ?? parents[0]?.id ?? "");
  const [fields, setFields] = useState(EMPTY);
  const set = (key: keyof typeof EMPTY) => (event: { target: { value: string } }) => setFields((current) => ({ ...current, [key]: event.target.value }));
  const onCreated = ({ caId }: { caId: string }) => {
    setOpen(false);
    setFields(EMPTY);
    router.push(`/orgs/${orgSlug}/projects/${projectSlug}/certificate-authorities/${caId}`);
  };
  const root = useFormAction(createRootCaAction, onCreated);
  const intermediate = useFormAction(createIntermediateCaAction, onCreated);
  const form = kind === "root" ? root : intermediate;
  const errors = form.fieldErrors;
  const ref = { orgSlug, projectSlug, ...fields, keyAlgorithm: fields.keyAlgorithm as KeyAlgorithm };
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button>Create CA</Button>}
      title="Create a certificate authority"
      description="Its private key is made on the server, sealed under this project's key, and never leaves it."
      formError={form.formError}
      submitLabel="Create CA"
      pendingLabel="Creating…"
      pending={form.pending}
      onSubmit={() => (kind === "root" ? root.submit(ref) : intermediate.submit({ ...ref, parentId: kind === "intermediate" ? parentId : "" }))}>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium text-slate-800">Kind</legend>
        {(
          [
            ["root", "Root CA", "Self-signed: the certificate people install as trusted."],
            ["intermediate", "Intermediate, signed by a CA here", parents.length ? "Signed now by the CA you choose." : "Create a root first."],
            ["outside", "Intermediate, signed outside Tessera", "You get a CSR to sign with your own root, then import the certificate."],
          ] as const
        ).map(([value, label, hint]) => (
          <label key={value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="ca-kind"
              value={value}
              checked={kind === value}
              disabled={value === "intermediate" && !parents.length}
              onChange={() => setKind(value)}
              className="mt-1"
            />
            <span>
              {label}
              <span className="block text-xs text-slate-600">{hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {kind === "intermediate" ? (
        <SelectField
          label="Signed by"
          value={parentId}
          onChange={(event) => setParentId(event.target.value)}
          options={parents.map((parent) => ({ value: parent.id, label: parent.name }))}
          errors={errors.parentId}
        />
      ) : null}
      <TextField
        label="Name"
        value={fields.name}
        onChange={set("name")}
        placeholder="Internal issuing CA"
        hint="How roles and this project name it."
        errors={errors.name}
      />
      <TextField
        label="Common name (CN)"
        value={fields.commonName}
        onChange={set("commonName")}
        placeholder="Acme Internal Issuing CA 1"
        errors={errors.commonName}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Organization (O)" value={fields.organization} onChange={set("organization")} errors={errors.organization} />
        <TextField label="Organizational unit (OU)" value={fields.organizationalUnit} onChange={set("organizationalUnit")} errors={errors.organizationalUnit} />
        <TextField label="Country (C)" value={fields.country} onChange={set("country")} maxLength={2} placeholder="DE" errors={errors.country} />
        <TextField label="State or province (ST)" value={fields.state} onChange={set("state")} errors={errors.state} />
        <TextField label="Locality (L)" value={fields.locality} onChange={set("locality")} errors={errors.locality} />
        <SelectField
          label="Key algorithm"
          value={fields.keyAlgorithm}
          onChange={set("keyAlgorithm")}
          options={KEY_ALGORITHMS.map((value) => ({ value, label: KEY_ALGORITHM_LABELS[value] }))}
          errors={errors.keyAlgorithm}
        />
        <TextField
          label="Valid for (days)"
          inputMode="numeric"
          value={fields.validityDays}
          onChange={set("validityDays")}
          hint={kind === "intermediate" ? "Never past its issuer's expiry." : undefined}
          errors={errors.validityDays}
        />
        <TextField
          label="Max path length"
          inputMode="numeric"
          value={fields.maxPathLength}
          onChange={set("maxPathLength")}
          hint="Intermediate CAs allowed below it; empty: no limit."
          errors={errors.maxPathLength}
        />
      </div>
      <details className="rounded-md border border-slate-200 p-3">
        <summary className="cursor-pointer text-sm font-medium">Name constraints (optional)</summary>
        <p className="mt-2 text-xs text-slate-600">What this CA and every CA below it may certify. Names are checked before signing. One per line.</p>
        <div className="mt-2 grid gap-4 sm:grid-cols-2">
          <TextAreaField
            label="Permitted DNS names"
            rows={2}
            value={fields.permittedDnsNames}
            onChange={set("permittedDnsNames")}
            placeholder="svc.internal"
            errors={errors.permittedDnsNames}
          />
          <TextAreaField
            label="Excluded DNS names"
            rows={2}
            value={fields.excludedDnsNames}
            onChange={set("excludedDnsNames")}
            errors={errors.excludedDnsNames}
          />
          <TextAreaField
            label="Permitted IP ranges"
            rows={2}
            value={fields.permittedIpRanges}
            onChange={set("permittedIpRanges")}
            placeholder="10.0.0.0/8"
            errors={errors.permittedIpRanges}
          />
          <TextAreaField
            label="Excluded IP ranges"
            rows={2}
            value={fields.excludedIpRanges}
            onChange={set("excludedIpRanges")}
            errors={errors.excludedIpRanges}
          />
        </div>
      </details>
    </FormDialog>
  );
}
