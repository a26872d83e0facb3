import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { CaEnabledButton, DeleteCaButton, ImportCaCertificateForm } from "@/components/products/pki/ca-controls";
import { PemBlock } from "@/components/ui/pem-block";
import { getCa } from "@/lib/products/pki/authorities/get-ca";
import { orNotFound } from "@/lib/platform/projects/or-not-found";
import { KEY_ALGORITHM_LABELS, type KeyAlgorithm } from "@/lib/products/pki/vocabulary";
import { requireProjectSection } from "@/lib/platform/projects/require-section";
import { PageHeader } from "@/components/layout/page-header";

type Props = { params: Promise<{ orgSlug: string; projectSlug: string; caId: string }> };

export const metadata: Metadata = { title: "Certificate authority" };

const date = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const PRIMARY_LINK = "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700";
const SECONDARY_LINK = "rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-900 hover:bg-slate-50";
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

export default async function CertificateAuthorityPage({ params }: Props) {
  const { orgSlug, projectSlug, caId } = await params;
  const { access } = await requireProjectSection(orgSlug, projectSlug, "certificate-authorities");
  const ca = await orNotFound(getCa(access, { orgSlug, projectSlug, caId }));
  const ref = { orgSlug: access.orgAccess.org.slug, projectSlug: access.project.slug, caId: ca.id, name: ca.name };
  const project = `/orgs/${ref.orgSlug}/projects/${ref.projectSlug}`;
  const canEdit = access.can("certificate-authority:edit", { caName: ca.name });
  const file = ca.name.replace(/[^A-Za-z0-9.-]+/g, "_");
  // A root signs intermediates; certificates come from those, so that is its first step.
  const rootFirst = ca.kind === "ROOT" && ca.status === "ACTIVE" && access.can("certificate-authority:create");
  const signedSomething = ca.certificateCount > 0 || ca.childCount > 0;
  const constraints = [
    ["Permitted DNS names", ca.permittedDnsNames],
    ["Excluded DNS names", ca.excludedDnsNames],
    ["Permitted IP ranges", ca.permittedIpRanges],
    ["Excluded IP ranges", ca.excludedIpRanges],
  ] as const;
  return (
    <section aria-labelledby="ca-heading" className="flex flex-col gap-6">
      <PageHeader
        id="ca-heading"
        back={{ href: `${project}/certificate-authorities`, label: "Certificate authorities" }}
        title={ca.name}
        description={
          <>
            {ca.kind === "ROOT" ? "Root CA" : ca.parentName ? `Intermediate CA under ${ca.parentName}` : "Intermediate CA signed outside Tessera"} ·{" "}
            {ca.status === "ACTIVE" ? "Active" : ca.status === "DISABLED" ? "Disabled: issues nothing" : "Waiting for its signed certificate"}
          </>
        }
        actions={
          <>
            {rootFirst ? (
              <Link href={`${project}/certificate-authorities?parent=${ca.id}`} className={PRIMARY_LINK}>
                Create intermediate
              </Link>
            ) : null}
            {ca.status === "ACTIVE" && access.can("certificate:issue") && ca.profileCount > 0 ? (
              <Link href={`${project}/certificates?issue=${ca.id}`} className={rootFirst ? SECONDARY_LINK : PRIMARY_LINK}>
                Issue certificate
              </Link>
            ) : null}
            {ca.status === "ACTIVE" && ca.profileCount === 0 && access.can("certificate-profile:create") ? (
              <Link href={`${project}/certificate-profiles?ca=${ca.id}`} className={rootFirst ? SECONDARY_LINK : PRIMARY_LINK}>
                Create profile
              </Link>
            ) : null}
            {canEdit && ca.status !== "PENDING" ? <CaEnabledButton {...ref} enabled={ca.status === "ACTIVE"} /> : null}
            {access.can("certificate-authority:delete", { caName: ca.name }) ? (
              signedSomething ? (
                <span className="flex flex-col items-end gap-1">
                  <Button variant="secondary" disabled aria-describedby="ca-delete-reason">
                    Delete CA
                  </Button>
                  <span id="ca-delete-reason" className="max-w-64 text-right text-xs text-slate-600">
                    It signed {plural(ca.certificateCount, "certificate")} and {plural(ca.childCount, "CA")}: disable it instead, so they stay verifiable.
                  </span>
                </span>
              ) : (
                <DeleteCaButton {...ref} />
              )
            ) : null}
          </>
        }
      />

      <dl className="grid gap-x-6 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[12rem_1fr]">
        <dt className="text-slate-600">Subject</dt>
        <dd className="break-all">{ca.subject}</dd>
        <dt className="text-slate-600">Key</dt>
        <dd>{KEY_ALGORITHM_LABELS[ca.keyAlgorithm as KeyAlgorithm]}</dd>
        <dt className="text-slate-600">Serial number</dt>
        <dd className="break-all font-mono text-xs">{ca.serialNumber ?? "—"}</dd>
        <dt className="text-slate-600">Valid</dt>
        <dd>{ca.notBefore && ca.notAfter ? `${date.format(ca.notBefore)} to ${date.format(ca.notAfter)} UTC` : "—"}</dd>
        <dt className="text-slate-600">Path length</dt>
        <dd>
          {ca.maxPathLength === null
            ? "No limit"
            : ca.maxPathLength === 0
              ? "0: issues only end-entity certificates"
              : `Up to ${ca.maxPathLength} CA levels below it`}
        </dd>
        {constraints.map(([label, values]) =>
          values.length
            ? [
                <dt key={`${label}-t`} className="text-slate-600">
                  {label}
                </dt>,
                <dd key={`${label}-d`}>{values.join(", ")}</dd>,
              ]
            : null,
        )}
        <dt className="text-slate-600">Certificates issued</dt>
        <dd className="tabular-nums">
          {ca.certificateCount} ({ca.revokedCount} revoked)
        </dd>
      </dl>

      {ca.endsEarly.certificates > 0 || ca.endsEarly.profiles.length > 0 ? (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {ca.name} ends {ca.notAfter ? date.format(ca.notAfter) : ""} UTC, before{" "}
          {[
            ...(ca.endsEarly.certificates ? [`${plural(ca.endsEarly.certificates, "certificate")} it signed`] : []),
            ...(ca.endsEarly.profiles.length
              ? [`the longest life of profile${ca.endsEarly.profiles.length > 1 ? "s" : ""} ${ca.endsEarly.profiles.join(", ")}`]
              : []),
          ].join(" and ")}
          : those stop verifying with it, and new certificates are refused or cut short. Create a CA that lives longer, or shorten the profiles.
        </p>
      ) : null}
      {ca.status === "PENDING" ? (
        <section aria-labelledby="csr-heading" className="flex flex-col gap-3 rounded-lg border border-amber-200 bg-amber-50 p-4">
          <h2 id="csr-heading" className="text-base font-semibold">
            Sign it outside, then import
          </h2>
          <p className="text-sm text-slate-700">
            Sign this request with your root as a CA certificate (basicConstraints CA:TRUE, keyCertSign and cRLSign), then paste the certificate and the chain
            above it.
          </p>
          {ca.csrPem ? <PemBlock label="Certificate signing request" pem={ca.csrPem} filename={`${file}.csr.pem`} /> : null}
          {canEdit ? <ImportCaCertificateForm orgSlug={ref.orgSlug} projectSlug={ref.projectSlug} caId={ca.id} /> : null}
        </section>
      ) : (
        <section aria-labelledby="publish-heading" className="flex flex-col gap-3">
          <h2 id="publish-heading" className="text-base font-semibold">
            Certificate and revocation list
          </h2>
          <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
            <dt className="text-slate-600">CRL</dt>
            <dd>
              Number {ca.crlNumber}, next update {ca.crlNextUpdate ? `${date.format(ca.crlNextUpdate)} UTC` : "—"} (re-signed on every revocation and well
              before then)
            </dd>
            <dt className="text-slate-600">Public CRL (DER)</dt>
            <dd className="break-all font-mono text-xs">
              <a href={ca.urls.crlUrl} className="text-brand-700 hover:underline">
                {ca.urls.crlUrl}
              </a>
            </dd>
            <dt className="text-slate-600">Public certificate (DER)</dt>
            <dd className="break-all font-mono text-xs">
              <a href={ca.urls.certificateUrl} className="text-brand-700 hover:underline">
                {ca.urls.certificateUrl}
              </a>
            </dd>
          </dl>
          {ca.certificatePem ? <PemBlock label="CA certificate" pem={ca.certificatePem} filename={`${file}.pem`} /> : null}
          {ca.chainPem && ca.kind !== "ROOT" ? <PemBlock label="Chain (this CA up to its root)" pem={ca.chainPem} filename={`${file}-chain.pem`} /> : null}
        </section>
      )}
    </section>
  );
}
