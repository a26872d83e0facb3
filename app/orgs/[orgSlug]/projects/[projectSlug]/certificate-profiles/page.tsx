import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { CreateProfileDialog, DeleteProfileButton, EditProfileDialog } from "@/components/products/pki/profile-dialog";
import { DataTable } from "@/components/ui/data-table";
import { requireProjectSection } from "@/lib/platform/projects/require-section";
import { listCas } from "@/lib/products/pki/authorities/list-cas";
import { listProfiles } from "@/lib/products/pki/profiles/list-profiles";
import { KEY_ALGORITHM_LABELS } from "@/lib/products/pki/vocabulary";

type Props = {
  params: Promise<{ orgSlug: string; projectSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Certificate profiles" };

export default async function CertificateProfilesPage({ params, searchParams }: Props) {
  const { orgSlug, projectSlug } = await params;
  const { access } = await requireProjectSection(orgSlug, projectSlug, "certificate-profiles");
  const search = await searchParams;
  const canWrite = access.can("certificate-profile:create") || access.can("certificate-profile:edit");
  const [profiles, cas] = await Promise.all([listProfiles(access), canWrite && access.can("certificate-authority:read") ? listCas(access) : []]);
  const caOptions = cas.map((ca) => ({ value: ca.id, label: ca.kind === "ROOT" ? `${ca.name} (root)` : ca.name }));
  // `?ca=` comes from a CA page's "Create profile": the dialog opens with that CA chosen.
  const openFor = cas.find((ca) => ca.id === search.ca)?.id;
  const ref = { orgSlug: access.orgAccess.org.slug, projectSlug: access.project.slug };
  return (
    <section aria-labelledby="profiles-heading" className="flex flex-col gap-4">
      <PageHeader
        id="profiles-heading"
        title="Certificate profiles"
        description="What each CA may issue: the names, key types, usages and longest life. Certificates are issued only through a profile, from this console, the API and ACME alike."
        actions={access.can("certificate-profile:create") ? <CreateProfileDialog {...ref} cas={caOptions} openFor={openFor} /> : null}
      />
      <DataTable
        columns={["Name", "CA", "Allowed names", "Key types", "Longest", "Certificates"]}
        empty={
          profiles.length === 0
            ? cas.length || !canWrite
              ? "No profiles yet. Create one to issue certificates."
              : "No profiles yet. Create a certificate authority first."
            : null
        }>
        {profiles.map((profile) => (
          <tr key={profile.id} className="border-b border-slate-100 align-top last:border-0">
            <td>
              <Link
                href={`/orgs/${ref.orgSlug}/projects/${ref.projectSlug}/certificate-profiles/${profile.id}`}
                className="font-medium text-brand-700 hover:underline">
                {profile.name}
              </Link>
              {profile.description ? <span className="block text-xs text-slate-600">{profile.description}</span> : null}
            </td>
            <td>
              {profile.caName}
              {profile.caStatus !== "ACTIVE" ? <span className="block text-xs text-amber-800">CA not active: issues nothing</span> : null}
            </td>
            <td className="font-mono text-xs">
              {profile.allowedNames.join(", ")}
              {profile.allowWildcards ? <span className="block font-sans text-slate-600">Wildcards allowed</span> : null}
              {profile.allowIpAddresses ? <span className="block font-sans text-slate-600">IP addresses allowed</span> : null}
            </td>
            <td>{profile.keyAlgorithms.map((algorithm) => KEY_ALGORITHM_LABELS[algorithm]).join(", ")}</td>
            <td className="tabular-nums">{profile.maxValidityDays} days</td>
            <td className="tabular-nums">{profile.certificateCount}</td>
            <td>
              <span className="flex flex-wrap justify-end gap-2">
                {access.can("certificate-profile:edit", { profileName: profile.name }) && caOptions.length ? (
                  <EditProfileDialog
                    {...ref}
                    cas={caOptions}
                    profileId={profile.id}
                    profile={{
                      name: profile.name,
                      description: profile.description,
                      caId: profile.caId,
                      allowedNames: profile.allowedNames.join("\n"),
                      allowWildcards: profile.allowWildcards,
                      allowIpAddresses: profile.allowIpAddresses,
                      keyAlgorithms: profile.keyAlgorithms,
                      keyUsages: profile.keyUsages,
                      extendedKeyUsages: profile.extendedKeyUsages,
                      maxValidityDays: String(profile.maxValidityDays),
                    }}
                  />
                ) : null}
                {access.can("certificate-profile:delete", { profileName: profile.name }) && profile.certificateCount === 0 ? (
                  <DeleteProfileButton {...ref} profileId={profile.id} name={profile.name} />
                ) : null}
              </span>
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
