import Link from "next/link";
import { notFound } from "next/navigation";
import { holdsEveryPermission } from "@/lib/platform/authz/boundary";
import type { ProductType } from "@/lib/platform/authz/catalogue";
import type { KnownConditionValues } from "@/lib/platform/authz/condition-matches";
import { listRoleHolders, listRoles } from "@/lib/platform/roles/list-roles";
import type { RoleScope } from "@/lib/platform/roles/scope";
import { RoleEditor } from "./role-editor";
import { rolesHref, type RoleTarget } from "./role-target";

/** One role in the editor; built-in roles (or a reader without role:edit) see it read-only. */
export async function RoleEditorView({
  scope,
  target,
  roleSlug,
  productType,
  conditionValues,
  membersHref,
}: {
  scope: RoleScope;
  target: RoleTarget;
  roleSlug: string;
  productType?: ProductType;
  /** The values each condition field can take in the project today (offered, and checked). */
  conditionValues?: KnownConditionValues;
  membersHref: string;
}) {
  const [roles, holders] = await Promise.all([listRoles(scope), listRoleHolders(scope, roleSlug)]);
  const role = roles.find((one) => one.slug === roleSlug);
  if (!role) notFound();
  const otherRoles = roles
    .filter((one) => one.slug !== role.slug && holdsEveryPermission(scope.actor, one.rules))
    .map((one) => ({ slug: one.slug, label: one.name }));
  return (
    <section aria-labelledby="role-heading" className="flex flex-col gap-4">
      <div>
        <Link href={rolesHref(target)} className="text-sm text-slate-600 hover:text-slate-900">
          ← All roles
        </Link>
        <h1 id="role-heading" className="mt-1 text-2xl font-semibold">
          {role.name}
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          {role.builtIn ? "Built-in role" : "Custom role"} · <span className="font-mono">{role.slug}</span>
        </p>
      </div>
      <RoleEditor
        key={role.slug}
        target={target}
        productType={productType}
        conditionValues={conditionValues}
        role={{ slug: role.slug, name: role.name, description: role.description, rules: role.rules, builtIn: role.builtIn, holders: role.holders, version: role.version }}
        holderNames={holders.map((holder) => holder.name)}
        canEdit={scope.actor.can("role:edit")}
        canCreate={scope.actor.can("role:create")}
        canDelete={scope.actor.can("role:delete")}
        otherRoles={otherRoles}
        membersHref={membersHref}
      />
    </section>
  );
}
