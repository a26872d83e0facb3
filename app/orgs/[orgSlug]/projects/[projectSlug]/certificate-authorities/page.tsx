import type { Metadata } from "next";
import { planRoom } from "@/lib/platform/billing/room";
import { PlanLimitButton } from "@/components/billing/plan-limit-button";
import Link from "next/link";
import { CreateCaDialog } from "@/components/products/pki/create-ca-dialog";
import { DataTable } from "@/components/ui/data-table";
import { listCas } from "@/lib/products/pki/authorities/list-cas";
import { KEY_ALGORITHM_LABELS, type KeyAlgorithm } from "@/lib/products/pki/vocabulary";
import { requireProjectSection } from "@/lib/platform/projects/require-section";
import { PageHeader } from "@/components/layout/page-header";

type Props = {
  params: Promise<{ orgSlug: string; projectSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Certificate authorities" };

const date = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const STATUS: Record<string, string> = { ACTIVE: "Active", DISABLED: "Disabled", PENDING: "Waiting for its certificate" };

export default async function CertificateAuthoritiesPage({ params, searchParams }: Props) {
  const { orgSlug, projectSlug } = await params;
  const { access } = await requireProjectSection(orgSlug, projectSlug, "certificate-authorities");
  const cas = await listCas(access);
  const requested = await searchParams;
  const parents = cas.filter((ca) => ca.status === "ACTIVE").map(({ id, name }) => ({ id, name }));
  // A root's page sends here to make an intermediate under it: the dialog opens with it chosen.
  const intermediateOf = typeof requested.parent === "string" && parents.some((ca) => ca.id === requested.parent) ? requested.parent : undefined;
  // The overview's "Create your first CA" lands here with the dialog open.
  const openCreate = requested.create === "ca";
  const base = `/orgs/${access.orgAccess.org.slug}/projects/${access.project.slug}/certificate-authorities`;
  const caRoom = access.can("certificate-authority:create") ? await planRoom(access.orgAccess.org, "certificateAuthorities") : ({ full: false } as const);
  return (
    <section aria-labelledby="cas-heading" className="flex flex-col gap-4">
      <PageHeader
        id="cas-heading"
        title="Certificate authorities"
        description={<>Roots and intermediates that sign this project&apos;s certificates. Each publishes its certificate and CRL at a public URL.</>}
        actions={
          access.can("certificate-authority:create") && caRoom.full ? (
            <PlanLimitButton label="Create CA" reason={caRoom.reason} />
          ) : access.can("certificate-authority:create") ? (
            <CreateCaDialog
              orgSlug={access.orgAccess.org.slug}
              projectSlug={access.project.slug}
              parents={parents}
              intermediateOf={intermediateOf}
              openAtOnce={openCreate}
            />
          ) : null
        }
      />
      <DataTable
        columns={["Name", "Kind", "Status", "Expires", "Certificates"]}
        empty={cas.length === 0 ? "No certificate authorities yet. Create a root CA first, then an intermediate to issue from." : null}>
        {cas.map((ca) => (
          <tr key={ca.id} className="border-b border-slate-100 last:border-0">
            <td>
              <Link href={`${base}/${ca.id}`} className="font-medium text-brand-700 hover:underline">
                {ca.name}
              </Link>
              <span className="block text-xs text-slate-600">{ca.subject}</span>
            </td>
            <td>
              {ca.kind === "ROOT" ? "Root" : ca.parentName ? `Intermediate, under ${ca.parentName}` : "Intermediate, signed outside"}
              <span className="block text-xs text-slate-600">{KEY_ALGORITHM_LABELS[ca.keyAlgorithm as KeyAlgorithm]}</span>
            </td>
            <td>{STATUS[ca.status]}</td>
            <td>{ca.notAfter ? date.format(ca.notAfter) : "—"}</td>
            <td className="tabular-nums">{ca.certificateCount}</td>
            <td />
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
