import type { Metadata } from "next";
import Link from "next/link";
import { CertificateDownloads, RenewCertificateButton, RevokeCertificateButton } from "@/components/products/pki/certificate-controls";
import { PemBlock } from "@/components/ui/pem-block";
import { getCertificate } from "@/lib/products/pki/certificates/get-certificate";
import { orNotFound } from "@/lib/platform/projects/or-not-found";
import {
  certificateFileBase,
  EXTENDED_KEY_USAGE_LABELS,
  KEY_ALGORITHM_LABELS,
  KEY_USAGE_LABELS,
  REVOCATION_REASON_LABELS,
  type KeyAlgorithm,
} from "@/lib/products/pki/vocabulary";
import { requireProjectSection } from "@/lib/platform/projects/require-section";
import { PageHeader } from "@/components/layout/page-header";

type Props = { params: Promise<{ orgSlug: string; projectSlug: string; certificateId: string }> };

export const metadata: Metadata = { title: "Certificate" };

const date = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const label = (labels: Record<string, string>, value: string) => labels[value] ?? value;

const revokedDate = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function CertificatePage({ params }: Props) {
  const { orgSlug, projectSlug, certificateId } = await params;
  const { access } = await requireProjectSection(orgSlug, projectSlug, "certificates");
  const certificate = await orNotFound(getCertificate(access, { orgSlug, projectSlug, certificateId }));
  const ref = { orgSlug: access.orgAccess.org.slug, projectSlug: access.project.slug, certificateId: certificate.id };
  const project = `/orgs/${ref.orgSlug}/projects/${ref.projectSlug}`;
  const onNames = (permission: "certificate:renew" | "certificate:revoke" | "certificate:read-private-key") =>
    [certificate.commonName, ...certificate.dnsNames, ...certificate.ipAddresses, ...certificate.emailAddresses].every((name) =>
      access.can(permission, { caName: certificate.caName, profileName: certificate.profileName, name }),
    );
  const files = [
    "certificate",
    "fullchain",
    "chain",
    "der",
    ...(certificate.keyKept && onNames("certificate:read-private-key") ? (["private-key"] as const) : []),
  ] as const;
  return (
    <section aria-labelledby="certificate-heading" className="flex flex-col gap-6">
      <PageHeader
        id="certificate-heading"
        back={{ href: `${project}/certificates`, label: "Certificates" }}
        title={certificate.commonName}
        description={
          <>
            Issued by {certificate.caName} through profile {certificate.profileName} ·{" "}
            {certificate.status === "revoked" ? (
              <span className="text-red-700">
                Revoked {certificate.revokedAt ? `on ${revokedDate.format(certificate.revokedAt)} UTC ` : ""}(
                {label(REVOCATION_REASON_LABELS, certificate.revocationReason ?? "")})
              </span>
            ) : certificate.status === "expired" ? (
              "Expired"
            ) : (
              <span className="text-green-800">Active</span>
            )}
          </>
        }
        actions={
          <>
            {certificate.status !== "revoked" && onNames("certificate:renew") ? <RenewCertificateButton {...ref} /> : null}
            {certificate.status !== "revoked" && onNames("certificate:revoke") ? (
              <RevokeCertificateButton {...ref} commonName={certificate.commonName} />
            ) : null}
          </>
        }
      />
      <dl className="grid gap-x-6 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[12rem_1fr]">
        <dt className="text-slate-600">Serial number</dt>
        <dd className="break-all font-mono text-xs">{certificate.serialNumber}</dd>
        <dt className="text-slate-600">Valid</dt>
        <dd>
          {date.format(certificate.notBefore)} to {date.format(certificate.notAfter)} UTC
        </dd>
        <dt className="text-slate-600">DNS names</dt>
        <dd>{certificate.dnsNames.join(", ") || "—"}</dd>
        <dt className="text-slate-600">IP addresses</dt>
        <dd>{certificate.ipAddresses.join(", ") || "—"}</dd>
        <dt className="text-slate-600">Email addresses</dt>
        <dd>{certificate.emailAddresses.join(", ") || "—"}</dd>
        <dt className="text-slate-600">Key</dt>
        <dd>
          {KEY_ALGORITHM_LABELS[certificate.keyAlgorithm as KeyAlgorithm] ?? certificate.keyAlgorithm} ·{" "}
          {certificate.keyKept ? "kept, sealed" : "not kept by Tessera"}
        </dd>
        <dt className="text-slate-600">Key usages</dt>
        <dd>{certificate.keyUsages.map((usage) => label(KEY_USAGE_LABELS, usage)).join(", ") || "—"}</dd>
        <dt className="text-slate-600">Extended key usages</dt>
        <dd>{certificate.extendedKeyUsages.map((usage) => label(EXTENDED_KEY_USAGE_LABELS, usage)).join(", ") || "—"}</dd>
        {certificate.renewedFromId ? (
          <>
            <dt className="text-slate-600">Renews</dt>
            <dd>
              <Link href={`${project}/certificates/${certificate.renewedFromId}`} className="text-brand-700 hover:underline">
                the certificate it replaces
              </Link>
            </dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="downloads-heading" className="flex flex-col gap-3">
        <h2 id="downloads-heading" className="text-base font-semibold">
          Downloads
        </h2>
        <CertificateDownloads {...ref} files={[...files]} />
        <PemBlock label="Certificate" pem={certificate.certificatePem} filename={`${certificateFileBase(certificate.commonName)}.pem`} />
      </section>
    </section>
  );
}
