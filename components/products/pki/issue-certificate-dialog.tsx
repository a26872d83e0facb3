"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { issueCertificateAction, issuingProfilesAction } from "@/lib/products/pki/pki-actions";
import {
  certificateFileBase,
  EXTENDED_KEY_USAGE_LABELS,
  KEY_ALGORITHM_LABELS,
  KEY_ALGORITHMS,
  KEY_USAGE_LABELS,
  defaultKeyUsages,
  keyUsagesFor,
  type ExtendedKeyUsage,
  type KeyAlgorithm,
  type KeyUsage,
} from "@/lib/products/pki/vocabulary";
import { PemBlock } from "@/components/ui/pem-block";

/** A profile the dialog may issue through, with what it allows (the server checks again). */
export type IssuingProfile = {
  id: string;
  name: string;
  caId: string;
  caName: string;
  caKind: "ROOT" | "INTERMEDIATE";
  allowedNames: string[];
  keyAlgorithms: KeyAlgorithm[];
  keyUsages: KeyUsage[];
  extendedKeyUsages: ExtendedKeyUsage[];
  maxValidityDays: number;
};

type Issued = { certificateId: string; commonName: string; certificatePem: string; chainPem: string; privateKeyPem: string | null };
const EMPTY = { commonName: "", dnsNames: "", ipAddresses: "", emailAddresses: "", ttlDays: "90", csr: "" };

function toggle<T>(list: T[], item: T, on: boolean): T[] {
  return on ? [...list, item] : list.filter((entry) => entry !== item);
}

function firstKey(profile: IssuingProfile | undefined): KeyAlgorithm {
  return profile?.keyAlgorithms.includes("EC_P256") ? "EC_P256" : (profile?.keyAlgorithms[0] ?? "EC_P256");
}
const usualUsages = (profile: IssuingProfile | undefined, algorithm: KeyAlgorithm) =>
  defaultKeyUsages(algorithm).filter((usage) => !profile || profile.keyUsages.includes(usage));
const usualExtended = (profile: IssuingProfile | undefined): ExtendedKeyUsage[] =>
  !profile || profile.extendedKeyUsages.includes("serverAuth") ? ["serverAuth"] : profile.extendedKeyUsages;

/**
 * Issues a certificate through a profile of an active CA: a key made on the server (shown once, kept sealed
 * only when asked) or a CSR. The result is shown once, with downloads.
 */
export function IssueCertificateDialog({
  orgSlug,
  projectSlug,
  available,
  openFor,
}: {
  orgSlug: string;
  projectSlug: string;
  /** Whether the project has a profile of an active CA: without one there is nothing to issue through. */
  available: boolean;
  /** A profile's id, or a CA's (its page's button): opens the dialog on that profile, or the CA's first. */
  openFor?: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(Boolean(openFor));
  // Asked for when the dialog opens: the page itself does not carry every profile's rules.
  const loaded = useQuery({
    queryKey: ["issuing-profiles", orgSlug, projectSlug],
    enabled: open,
    queryFn: async () => {
      const result = await issuingProfilesAction({ orgSlug, projectSlug });
      if (!result.ok) throw new Error(result.formError ?? "The profiles could not be loaded.");
      return result.data;
    },
  });
  const profiles: IssuingProfile[] = loaded.data ?? [];
  // Choices left unmade (null) follow the chosen profile's defaults.
  const [chosenProfileId, setProfileId] = useState<string | null>(null);
  const profileId = chosenProfileId ?? profiles.find((one) => one.id === openFor || one.caId === openFor)?.id ?? profiles[0]?.id ?? "";
  const profile = profiles.find((one) => one.id === profileId);
  const [fields, setFields] = useState(EMPTY);
  const [keySource, setKeySource] = useState<"generate" | "csr">("generate");
  const [chosenKeyAlgorithm, setKeyAlgorithm] = useState<KeyAlgorithm | null>(null);
  const keyAlgorithm = chosenKeyAlgorithm ?? firstKey(profile);
  const [keepPrivateKey, setKeepPrivateKey] = useState(false);
  const [chosenKeyUsages, setKeyUsages] = useState<KeyUsage[] | null>(null);
  const keyUsages = chosenKeyUsages ?? usualUsages(profile, keyAlgorithm);
  // With a CSR the key's kind is known only to the server, which picks its usual usages unless these were changed.
  const [keyUsagesChanged, setKeyUsagesChanged] = useState(false);
  const [chosenExtendedKeyUsages, setExtendedKeyUsages] = useState<ExtendedKeyUsage[] | null>(null);
  const extendedKeyUsages = chosenExtendedKeyUsages ?? usualExtended(profile);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [fromRootConfirmed, setFromRootConfirmed] = useState(false);
  const fromRoot = profile?.caKind === "ROOT";
  const { submit, pending, fieldErrors, formError, setFieldErrors } = useFormAction(issueCertificateAction, (result) => {
    setIssued(result);
    setFields(EMPTY);
    router.refresh();
  });
  const set = (key: keyof typeof EMPTY) => (event: { target: { value: string } }) => setFields((current) => ({ ...current, [key]: event.target.value }));
  // Files are named after the certificate as signed (a CSR may have supplied the name).
  const name = issued ? certificateFileBase(issued.commonName) : "";
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setIssued(null);
      }}
      trigger={<Button disabled={!available}>Issue certificate</Button>}
      title="Issue a certificate"
      description="Everything is checked against the profile, and every name against your roles and the CA chain's name constraints, before anything is signed."
      formError={formError}
      submitLabel="Issue certificate"
      pendingLabel="Issuing…"
      pending={pending}
      onSubmit={() => {
        if (fromRoot && !fromRootConfirmed) {
          setFieldErrors({ fromRoot: ["Tick the box to issue straight from the root, or choose an intermediate."] });
          return;
        }
        submit({
          orgSlug,
          projectSlug,
          profileId,
          ...fields,
          csr: keySource === "csr" ? fields.csr : "",
          keyAlgorithm,
          keepPrivateKey: keySource === "generate" && keepPrivateKey,
          keyUsages: keySource === "generate" || keyUsagesChanged ? keyUsages : undefined,
          extendedKeyUsages,
        });
      }}
      result={
        issued ? (
          <div role="status" className="flex flex-col gap-3">
            <p className="rounded-md bg-green-50 p-3 text-sm text-green-900">
              Certificate issued.{issued.privateKeyPem ? " Save the private key now: it is not shown again." : ""}
            </p>
            {issued.privateKeyPem ? <PemBlock label="Private key" pem={issued.privateKeyPem} filename={`${name || "certificate"}.key.pem`} /> : null}
            <PemBlock label="Certificate" pem={issued.certificatePem} filename={`${name || "certificate"}.pem`} />
            <PemBlock label="Chain (issuing CA up to the root)" pem={issued.chainPem} filename={`${name || "certificate"}.chain.pem`} />
          </div>
        ) : null
      }>
      <SelectField
        label="Profile"
        value={profileId}
        onChange={(event) => {
          setProfileId(event.target.value);
          setFromRootConfirmed(false);
          setKeyAlgorithm(null);
          setKeyUsages(null);
          setExtendedKeyUsages(null);
        }}
        options={
          loaded.data
            ? profiles.map((one) => ({ value: one.id, label: `${one.name} (CA ${one.caName}${one.caKind === "ROOT" ? ", root" : ""})` }))
            : [{ value: "", label: "Loading profiles…" }]
        }
        disabled={!loaded.data}
        hint={profile ? `Names: ${profile.allowedNames.join(", ")} · at most ${profile.maxValidityDays} days` : undefined}
        errors={fieldErrors.profileId ?? (loaded.isError ? [loaded.error.message] : undefined)}
      />
      {fromRoot ? (
        <div className={`rounded-md border p-3 text-sm ${fieldErrors.fromRoot ? "border-red-500 bg-red-50" : "border-amber-300 bg-amber-50"}`}>
          <p className="text-amber-900">
            This is a root CA. Roots usually sign only intermediates and stay offline; a leaf signed by the root cannot be cut off without revoking on the
            root&apos;s own CRL.
          </p>
          <label className="mt-2 flex items-start gap-2">
            <input
              type="checkbox"
              className="mt-1"
              checked={fromRootConfirmed}
              onChange={(event) => setFromRootConfirmed(event.target.checked)}
              aria-invalid={fieldErrors.fromRoot ? true : undefined}
              aria-describedby={fieldErrors.fromRoot ? "from-root-error" : undefined}
            />
            <span>Issue straight from the root anyway</span>
          </label>
          {fieldErrors.fromRoot ? (
            <p id="from-root-error" className="mt-1 text-red-700">
              {fieldErrors.fromRoot[0]}
            </p>
          ) : null}
        </div>
      ) : null}
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-1 text-sm font-medium text-slate-800">Key</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="key-source" checked={keySource === "generate"} onChange={() => setKeySource("generate")} />
          Make a key on the server
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="key-source" checked={keySource === "csr"} onChange={() => setKeySource("csr")} />
          From a CSR
        </label>
      </fieldset>
      {keySource === "csr" ? (
        <TextAreaField
          label="Certificate signing request (PEM)"
          rows={6}
          value={fields.csr}
          onChange={set("csr")}
          placeholder="-----BEGIN CERTIFICATE REQUEST-----"
          hint="Names left empty below are taken from the CSR."
          errors={fieldErrors.csr}
        />
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label="Key algorithm"
            value={keyAlgorithm}
            onChange={(event) => {
              const algorithm = event.target.value as KeyAlgorithm;
              setKeyAlgorithm(algorithm);
              setKeyUsages(null);
            }}
            options={KEY_ALGORITHMS.filter((value) => !profile || profile.keyAlgorithms.includes(value)).map((value) => ({
              value,
              label: KEY_ALGORITHM_LABELS[value],
            }))}
            errors={fieldErrors.keyAlgorithm}
          />
          <label className="flex items-center gap-2 self-end pb-2 text-sm">
            <input type="checkbox" checked={keepPrivateKey} onChange={(event) => setKeepPrivateKey(event.target.checked)} />
            Keep the private key (sealed) for later download
          </label>
        </div>
      )}
      <TextField
        label="Common name (CN)"
        value={fields.commonName}
        onChange={set("commonName")}
        placeholder="api.svc.internal"
        errors={fieldErrors.commonName}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextAreaField
          label="DNS names"
          rows={2}
          value={fields.dnsNames}
          onChange={set("dnsNames")}
          placeholder="api.svc.internal"
          hint="One per line."
          errors={fieldErrors.dnsNames}
        />
        <TextAreaField label="IP addresses" rows={2} value={fields.ipAddresses} onChange={set("ipAddresses")} errors={fieldErrors.ipAddresses} />
        <TextAreaField label="Email addresses" rows={2} value={fields.emailAddresses} onChange={set("emailAddresses")} errors={fieldErrors.emailAddresses} />
      </div>
      <TextField
        label="Valid for (days)"
        inputMode="numeric"
        value={fields.ttlDays}
        onChange={set("ttlDays")}
        hint={`Never past the CA's own expiry${profile ? `, nor ${profile.maxValidityDays} days (the profile's most)` : ""}.`}
        errors={fieldErrors.ttlDays}
      />
      <details className="rounded-md border border-slate-200 p-3" open={Boolean(fieldErrors.keyUsages || fieldErrors.extendedKeyUsages) || undefined}>
        <summary className="cursor-pointer text-sm font-medium">Key usages</summary>
        <fieldset className="mt-2 grid gap-1 sm:grid-cols-2">
          <legend className="sr-only">Key usages</legend>
          {(Object.keys(KEY_USAGE_LABELS) as KeyUsage[]).map((usage) => (
            <label key={usage} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={keyUsages.includes(usage)}
                disabled={(keySource === "generate" && !keyUsagesFor(keyAlgorithm).includes(usage)) || (profile && !profile.keyUsages.includes(usage))}
                onChange={(event) => {
                  setKeyUsages(toggle(keyUsages, usage, event.target.checked));
                  setKeyUsagesChanged(true);
                }}
              />
              {KEY_USAGE_LABELS[usage]}
            </label>
          ))}
        </fieldset>
        {fieldErrors.keyUsages ? (
          <p className="mt-1 text-sm text-red-700" role="alert">
            {fieldErrors.keyUsages[0]}
          </p>
        ) : null}
        <fieldset className="mt-3 grid gap-1 sm:grid-cols-2">
          <legend className="mb-1 text-sm font-medium">Extended key usages</legend>
          {(Object.keys(EXTENDED_KEY_USAGE_LABELS) as ExtendedKeyUsage[]).map((usage) => (
            <label key={usage} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={extendedKeyUsages.includes(usage)}
                disabled={profile && !profile.extendedKeyUsages.includes(usage)}
                onChange={(event) => setExtendedKeyUsages(toggle(extendedKeyUsages, usage, event.target.checked))}
              />
              {EXTENDED_KEY_USAGE_LABELS[usage]}
            </label>
          ))}
        </fieldset>
        {fieldErrors.extendedKeyUsages ? (
          <p className="mt-1 text-sm text-red-700" role="alert">
            {fieldErrors.extendedKeyUsages[0]}
          </p>
        ) : null}
      </details>
    </FormDialog>
  );
}
