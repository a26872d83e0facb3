import type { Metadata } from "next";
import { CreatePolicyDialog, EditPolicyDialog } from "@/components/products/pam/policy-dialog";
import { DeletePolicyButton } from "@/components/products/pam/row-buttons";
import { DataTable } from "@/components/ui/data-table";
import { listPolicies } from "@/lib/products/pam/policies";
import { coverageInWords } from "@/lib/products/pam/vocabulary";
import { requireProjectSection } from "@/lib/platform/projects/require-section";
import { roleOptions } from "@/lib/platform/roles/list-roles";
import { projectRoleScope } from "@/lib/platform/roles/scope";
import { PageHeader } from "@/components/layout/page-header";

type Props = { params: Promise<{ orgSlug: string; projectSlug: string }> };

export const metadata: Metadata = { title: "Access policies" };

const names = (people: Array<{ name: string }>) => people.map((person) => person.name).join(", ");

export default async function AccessPoliciesPage({ params }: Props) {
  const { orgSlug, projectSlug } = await params;
  const { access } = await requireProjectSection(orgSlug, projectSlug, "access-policies");
  const [policies, roles] = await Promise.all([listPolicies(access), roleOptions(projectRoleScope(access))]);
  const roleChoices = roles.all.map(({ slug, label }) => ({ slug, label }));
  const ref = { orgSlug: access.orgAccess.org.slug, projectSlug: access.project.slug };
  return (
    <section aria-labelledby="policies-heading" className="flex flex-col gap-4">
      <PageHeader
        id="policies-heading"
        title="Access policies"
        description="Which accounts need whose approval, and for how long at most. An account no policy covers cannot be requested; where several cover it, the strictest applies. Nobody approves their own request."
        actions={access.can("access-policy:create") ? <CreatePolicyDialog {...ref} roles={roleChoices} /> : null}
      />
      <DataTable
        columns={["Name", "Covers", "Approvals", "Approvers", "Longest access", "Break-glass"]}
        empty={policies.length === 0 ? "No policies yet, so no account can be requested. Create one to say who approves." : null}>
        {policies.map((policy) => (
          <tr key={policy.id} className="border-b border-slate-100 align-top last:border-0">
            <td className="font-medium">{policy.name}</td>
            <td>
              {coverageInWords(policy.accountGlob, policy.resourceGlob)}
              <span className="block text-xs text-slate-600">
                {policy.accountsCovered === 0 ? "No account today" : `${policy.accountsCovered} account${policy.accountsCovered === 1 ? "" : "s"} today`}
              </span>
            </td>
            <td className="tabular-nums">{policy.requiredApprovals}</td>
            <td>
              {[
                ...(policy.approverRole ? [`Holders of ${roles.nameOf(policy.approverRole)}`] : []),
                ...(policy.approvers.length ? [names(policy.approvers)] : []),
              ].join(", ")}
            </td>
            <td className="tabular-nums">{policy.maxDurationMinutes} min</td>
            <td>{policy.breakGlass.length ? names(policy.breakGlass) : "Nobody"}</td>
            <td>
              <span className="flex flex-wrap justify-end gap-2">
                {access.can("access-policy:edit") ? (
                  <EditPolicyDialog
                    {...ref}
                    roles={roleChoices}
                    policyId={policy.id}
                    policy={{
                      name: policy.name,
                      resourceGlob: policy.resourceGlob,
                      accountGlob: policy.accountGlob,
                      requiredApprovals: String(policy.requiredApprovals),
                      approverRole: policy.approverRole ?? "",
                      maxDurationMinutes: String(policy.maxDurationMinutes),
                      approvers: policy.approvers,
                      breakGlass: policy.breakGlass,
                    }}
                  />
                ) : null}
                {access.can("access-policy:delete") ? <DeletePolicyButton {...ref} policyId={policy.id} name={policy.name} /> : null}
              </span>
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
