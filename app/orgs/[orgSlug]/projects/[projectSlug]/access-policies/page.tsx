import type { Metadata } from "next";
import { CreatePolicyDialog } from "@/components/products/pam/policy-dialog";
import { DeletePolicyButton } from "@/components/products/pam/row-buttons";
import { DataTable } from "@/components/ui/data-table";
import { listPolicies, policyPeople } from "@/lib/products/pam/policies";
import { requireProjectSection } from "@/lib/platform/projects/require-section";
import { roleOptions } from "@/lib/platform/roles/list-roles";
import { projectRoleScope } from "@/lib/platform/roles/scope";
import { PageHeader } from "@/components/layout/page-header";

type Props = { params: Promise<{ orgSlug: string; projectSlug: string }> };

export const metadata: Metadata = { title: "Access policies" };

export default async function AccessPoliciesPage({ params }: Props) {
  const { orgSlug, projectSlug } = await params;
  const { access } = await requireProjectSection(orgSlug, projectSlug, "access-policies");
  const [policies, roles] = await Promise.all([listPolicies(access), roleOptions(projectRoleScope(access))]);
  const canCreate = access.can("access-policy:create");
  const people = canCreate ? await policyPeople(access) : [];
  const ref = { orgSlug: access.orgAccess.org.slug, projectSlug: access.project.slug };
  return (
    <section aria-labelledby="policies-heading" className="flex flex-col gap-4">
      <PageHeader
        id="policies-heading"
        title="Access policies"
        description="Which accounts need whose approval, and for how long at most. An account no policy covers cannot be requested; where several cover it, the strictest applies. Nobody approves their own request."
        actions={canCreate ? <CreatePolicyDialog {...ref} people={people} roles={roles.all.map(({ slug, label }) => ({ slug, label }))} /> : null}
      />
      <DataTable
        columns={["Name", "Covers", "Approvals", "Approvers", "Longest access", "Break-glass"]}
        empty={policies.length === 0 ? "No policies yet, so no account can be requested. Create one to say who approves." : null}>
        {policies.map((policy) => (
          <tr key={policy.id} className="border-b border-slate-100 align-top last:border-0">
            <td className="font-medium">{policy.name}</td>
            <td className="font-mono text-xs">
              {policy.accountGlob} on {policy.resourceGlob}
            </td>
            <td className="tabular-nums">{policy.requiredApprovals}</td>
            <td>{[...(policy.approverRole ? [`Holders of ${roles.nameOf(policy.approverRole)}`] : []), ...policy.approverNames].join(", ")}</td>
            <td className="tabular-nums">{policy.maxDurationMinutes} min</td>
            <td>{policy.breakGlassNames.length ? policy.breakGlassNames.join(", ") : "Nobody"}</td>
            <td>{access.can("access-policy:delete") ? <DeletePolicyButton {...ref} policyId={policy.id} name={policy.name} /> : null}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
