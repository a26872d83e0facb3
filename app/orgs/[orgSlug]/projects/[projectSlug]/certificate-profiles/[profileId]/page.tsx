import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { MakeAcmeKeyDialog, RevokeAcmeKeyButton } from "@/components/products/pki/acme-keys";
import { CopyField } from "@/components/ui/copy-link-field";
import { DataTable } from "@/components/ui/data-table";
import { orNotFound } from "@/lib/platform/projects/or-not-found";
import { requireProjectSection } from "@/lib/platform/projects/require-section";
import { listEabKeys } from "@/lib/products/pki/acme/eab-keys";
import { acmeUrls } from "@/lib/products/pki/acme/urls";
import { getProfile } from "@/lib/products/pki/profiles/list-profiles";
import { EXTENDED_KEY_USAGE_LABELS, KEY_ALGORITHM_LABELS } from "@/lib/products/pki/vocabulary";

type Props = { params: Promise<{ orgSlug: string; projectSlug: string; profileId: string }> };

export const metadata: Metadata = { title: "Certificate profile" };

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function CertificateProfilePage({ params }: Props) {
  const { orgSlug, projectSlug, profileId } = await params;
  const { access } = await requireProjectSection(orgSlug, projectSlug, "certificate-profiles");
  const profile = await orNotFound(getProfile(access, profileId));
  const keys = await listEabKeys(access, profile.id);
  const canManage = access.can("certificate-profile:manage-acme", { profileName: profile.name });
  const ref = { orgSlug: access.orgAccess.org.slug, projectSlug: access.project.slug, profileId: profile.id };
  return (
    <section aria-labelledby="profile-heading" className="flex flex-col gap-6">
      <PageHeader
        id="profile-heading"
        back={{ href: `/orgs/${ref.orgSlug}/projects/${ref.projectSlug}/certificate-profiles`, label: "Certificate profiles" }}
        title={profile.name}
        description={`Issues from ${profile.caName} for ${profile.allowedNames.join(", ")}: ${profile.keyAlgorithms.map((one) => KEY_ALGORITHM_LABELS[one]).join(", ")} keys, ${profile.extendedKeyUsages.map((one) => EXTENDED_KEY_USAGE_LABELS[one]).join(", ")}, at most ${profile.maxValidityDays} days.`}
        actions={canManage ? <MakeAcmeKeyDialog {...ref} /> : null}
      />
      <section aria-labelledby="acme-heading" className="flex flex-col gap-3">
        <h2 id="acme-heading" className="text-lg font-semibold">
          ACME
        </h2>
        <p className="max-w-3xl text-sm text-slate-700">
          certbot, lego, cert-manager and Caddy obtain and renew certificates of this profile from its ACME server (RFC 8555). Each client registers with an
          ACME key made here (External Account Binding); http-01 and dns-01 challenges prove the names.
        </p>
        <div className="max-w-3xl">
          <CopyField label="ACME directory URL" value={acmeUrls(profile.id).directory} />
        </div>
        <DataTable
          columns={["Key", "Made by", "Made", "Last registration", "Accounts", "Status"]}
          empty={keys.length === 0 ? (canManage ? "No ACME keys yet. Make one for each client." : "No ACME keys yet.") : null}>
          {keys.map((key) => (
            <tr key={key.id} className="border-b border-slate-100 last:border-0">
              <td>
                <span className="font-medium">{key.name}</span>
                <span className="block font-mono text-xs text-slate-600">{key.id}</span>
              </td>
              <td>{key.createdBy ?? "Someone since removed"}</td>
              <td>{when.format(key.createdAt)} UTC</td>
              <td>{key.lastUsedAt ? `${when.format(key.lastUsedAt)} UTC` : "Never"}</td>
              <td className="tabular-nums">{key.accounts}</td>
              <td className={key.revokedAt ? "text-red-700" : "text-green-800"}>{key.revokedAt ? `Revoked ${when.format(key.revokedAt)} UTC` : "Active"}</td>
              <td>{canManage && !key.revokedAt ? <RevokeAcmeKeyButton {...ref} keyId={key.id} name={key.name} accounts={key.accounts} /> : null}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </section>
  );
}
