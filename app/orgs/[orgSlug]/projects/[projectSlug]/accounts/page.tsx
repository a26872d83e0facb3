import type { Metadata } from "next";
import { planRoom } from "@/lib/platform/billing/room";
import { PlanLimitButton } from "@/components/billing/plan-limit-button";
import { AddAccountDialog, EditAccountDialog } from "@/components/products/pam/account-dialog";
import { RequestAccessDialog } from "@/components/products/pam/request-dialog";
import { DeleteAccountButton } from "@/components/products/pam/row-buttons";
import { DataTable } from "@/components/ui/data-table";
import { listAccounts } from "@/lib/products/pam/accounts";
import { listResources } from "@/lib/products/pam/resources";
import { requireProjectSection } from "@/lib/platform/projects/require-section";
import { PageHeader } from "@/components/layout/page-header";

type Props = { params: Promise<{ orgSlug: string; projectSlug: string }> };

export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsPage({ params }: Props) {
  const { orgSlug, projectSlug } = await params;
  const { access } = await requireProjectSection(orgSlug, projectSlug, "accounts");
  const accounts = await listAccounts(access);
  const canCreate = access.can("account:create");
  const resources = canCreate && access.can("resource:read") ? await listResources(access) : [];
  const ref = { orgSlug: access.orgAccess.org.slug, projectSlug: access.project.slug };
  const accountRoom = canCreate ? await planRoom(access.orgAccess.org, "pamAccounts") : ({ full: false } as const);
  return (
    <section aria-labelledby="accounts-heading" className="flex flex-col gap-4">
      <PageHeader
        id="accounts-heading"
        title="Accounts"
        description={
          <>
            Roles on this project&apos;s databases that people may ask to use for a while. An approved request gets its own login, which is dropped when its
            time is up.
          </>
        }
        actions={
          canCreate && accountRoom.full ? (
            <PlanLimitButton label="Add account" reason={accountRoom.reason} />
          ) : canCreate ? (
            <AddAccountDialog {...ref} resources={resources.map(({ id, name }) => ({ id, name }))} />
          ) : null
        }
      />
      <DataTable
        columns={["Folder", "Account", "Database", "Longest access", "Reason"]}
        empty={accounts.length === 0 ? "No accounts yet. Add a role of a database as an account so people can ask for it." : null}>
        {accounts.map((account) => (
          <tr key={account.id} className="border-b border-slate-100 last:border-0">
            <td className="font-mono text-xs text-slate-600">{account.folderPath}</td>
            <td className="font-mono font-medium">{account.name}</td>
            <td>{account.resource.name}</td>
            <td className="tabular-nums">{account.maxDurationMinutes} min</td>
            <td>{account.reasonRequired ? "Required" : "Optional"}</td>
            <td>
              <span className="flex flex-wrap justify-end gap-2">
                {account.canAccess ? (
                  <RequestAccessDialog
                    {...ref}
                    accountId={account.id}
                    accountName={account.name}
                    resourceName={account.resource.name}
                    maxDurationMinutes={account.request.maxMinutes}
                    policyName={account.request.policyName}
                    reasonRequired={account.reasonRequired}
                  />
                ) : null}
                {account.canEdit ? (
                  <EditAccountDialog
                    {...ref}
                    account={{
                      id: account.id,
                      name: account.name,
                      resourceName: account.resource.name,
                      folderPath: account.folderPath,
                      maxDurationMinutes: account.maxDurationMinutes,
                      reasonRequired: account.reasonRequired,
                    }}
                  />
                ) : null}
                {account.canDelete ? <DeleteAccountButton {...ref} accountId={account.id} name={account.name} /> : null}
              </span>
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
