import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { CreateRolePolicyDialog, DeleteRolePolicyButton, EditRolePolicyDialog } from "@/components/role-requests/role-policy-dialog";
import { DataTable } from "@/components/ui/data-table";
import { formatDuration } from "@/lib/platform/format-duration";
import { requireProjectSection } from "@/lib/platform/projects/require-section";
import { approverGroupChoices, listRolePolicies } from "@/lib/platform/role-requests/policies";
import { DEFAULT_ROLE_POLICY } from "@/lib/platform/role-requests/vocabulary";
import { roleOptions } from "@/lib/platform/roles/list-roles";
import { projectRoleScope } from "@/lib/platform/roles/scope";

type Props = { params: Promise<{ orgSlug: string; projectSlug: string }> };

export const metadata: Metadata = { title: "Request policies" };

export default async function RequestPoliciesPage({ params }: Props) {
  const { orgSlug, projectSlug } = await params;
  const { access } = await requireProjectSection(orgSlug, projectSlug, "request-policies");
  const canWrite = access.can("role-policy:create") || access.can("role-policy:edit");
  const [policies, roles, groups] = await Promise.all([
    listRolePolicies(access),
    roleOptions(projectRoleScope(access)),
    canWrite ? approverGroupChoices(access) : [],
  ]);
  const choices = {
    roles: roles.all.map(({ slug, label }) => ({ value: slug, label })),
    groups: groups.map((group) => ({ value: group.id, label: group.name })),
  };
  const ref = { orgSlug: access.orgAccess.org.slug, projectSlug: access.project.slug };
  return (
    <section aria-labelledby="policies-heading" className="flex flex-col gap-4">
      <PageHeader
        id="policies-heading"
        title="Request policies"
        description="Which roles of this project people may ask for, whose approvals they need and for how long at most. Where several policies list a role, the strictest applies. Nobody approves their own request."
        actions={access.can("role-policy:create") ? <CreateRolePolicyDialog {...ref} choices={choices} /> : null}
      />
      {policies.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 bg-white px-4 py-3 text-sm text-slate-700">
          No policy yet, so the default applies: any role of this project may be asked for, for up to{" "}
          {formatDuration(DEFAULT_ROLE_POLICY.maxDurationMinutes * 60)}, and one project Admin approves. Creating a policy replaces it: then only the roles
          policies list can be asked for.
        </p>
      ) : null}
      {policies.length > 0 ? (
        <DataTable columns={["Name", "Roles", "Approvals", "Approvers", "Longest time", "Break-glass"]} empty={null}>
          {policies.map((policy) => (
            <tr key={policy.id} className="border-b border-slate-100 align-top last:border-0">
              <td className="font-medium">{policy.name}</td>
              <td>{policy.roleNames.join(", ")}</td>
              <td className="tabular-nums">{policy.requiredApprovals}</td>
              <td>
                {[
                  ...(policy.approverRole ? [`Holders of ${roles.nameOf(policy.approverRole)}`] : []),
                  ...policy.groupNames.map((name) => `Members of ${name}`),
                  ...policy.approverNames,
                ].join(", ")}
              </td>
              <td>{formatDuration(policy.maxDurationMinutes * 60)}</td>
              <td>{policy.breakGlassNames.length ? policy.breakGlassNames.join(", ") : "Nobody"}</td>
              <td>
                <span className="flex flex-wrap justify-end gap-2">
                  {access.can("role-policy:edit") ? (
                    <EditRolePolicyDialog
                      {...ref}
                      choices={choices}
                      policyId={policy.id}
                      policy={{
                        name: policy.name,
                        roles: policy.roles,
                        requiredApprovals: String(policy.requiredApprovals),
                        approverRole: policy.approverRole ?? "",
                        approverGroupIds: policy.approverGroupIds,
                        maxDurationMinutes: String(policy.maxDurationMinutes),
                        approvers: policy.approverIds.map((userId, index) => ({ userId, name: policy.approverNames[index] ?? "", email: "" })),
                        breakGlass: policy.breakGlassIds.map((userId, index) => ({ userId, name: policy.breakGlassNames[index] ?? "", email: "" })),
                      }}
                    />
                  ) : null}
                  {access.can("role-policy:delete") ? <DeleteRolePolicyButton {...ref} policyId={policy.id} name={policy.name} /> : null}
                </span>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </section>
  );
}
