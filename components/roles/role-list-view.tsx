import Link from "next/link";
import { planRoom } from "@/lib/platform/billing/room";
import { PlanLimitButton } from "@/components/billing/plan-limit-button";
import { listRoles } from "@/lib/platform/roles/list-roles";
import type { RoleScope } from "@/lib/platform/roles/scope";
import { CreateRoleDialog } from "./create-role-dialog";
import { rolesHref, type RoleTarget } from "./role-target";
import { PageHeader } from "@/components/layout/page-header";

/** The roles of an org or a project: built-in ones, then the custom ones, with their holders. */
export async function RoleListView({ scope, target, title }: { scope: RoleScope; target: RoleTarget; title: string }) {
  const [roles, room] = await Promise.all([
    listRoles(scope),
    scope.actor.can("role:create") ? planRoom(scope.org, "customRoles") : Promise.resolve({ full: false } as const),
  ]);
  const custom = roles.filter((role) => !role.builtIn);
  const base = rolesHref(target);
  return (
    <section aria-labelledby="roles-heading" className="flex flex-col gap-4">
      <PageHeader
        id="roles-heading"
        title={title}
        description={
          <>
            {roles.length} roles · {custom.length} custom
          </>
        }
        actions={
          scope.actor.can("role:create") && room.full ? (
            <PlanLimitButton label="Create role" reason={room.reason} />
          ) : scope.actor.can("role:create") ? (
            <CreateRoleDialog target={target} sources={roles.map((role) => ({ slug: role.slug, label: role.name }))} triggerLabel="Create role" />
          ) : null
        }
      />
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">
                Role
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Kind
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Members
              </th>
            </tr>
          </thead>
          <tbody>
            {roles.map((role) => (
              <tr key={role.slug} className="border-b border-slate-100 last:border-0">
                <td className="px-4 py-3">
                  <Link href={`${base}/${role.slug}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {role.name}
                  </Link>
                  {role.description ? <span className="block text-slate-500">{role.description}</span> : null}
                </td>
                <td className="px-4 py-3 text-slate-600">{role.builtIn ? "Built-in" : "Custom"}</td>
                <td className="px-4 py-3 tabular-nums">{role.holders}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {custom.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">
          No custom roles yet. Create one, or open a built-in role and duplicate it to start from its permissions.
        </p>
      ) : null}
    </section>
  );
}
