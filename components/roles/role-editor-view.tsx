import { notFound } from "next/navigation";
import { holdsEveryPermission } from "@/lib/platform/authz/boundary";
import type { ProductType } from "@/lib/platform/authz/catalogue";
import type { KnownConditionValues } from "@/lib/platform/authz/condition-matches";
import { listRoleHolders, rolesHeldOne } from "@/lib/platform/roles/list-roles";
import type { RoleScope } from "@/lib/platform/roles/scope";
import { RoleEditor } from "./role-editor";
import { rolesHref, type RoleTarget } from "./role-target";
import { PageHeader } from "@/components/layout/page-header";

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
  const [{ roles, holders: holderCount }, holders] = await Promise.all([rolesHeldOne(scope, roleSlug), listRoleHolders(scope, roleSlug)]);
  const role = roles.find((one) => one.slug === roleSlug);
  if (!role) notFound();
  const otherRoles = roles
    .filter((one) => one.slug !== role.slug && holdsEveryPermission(scope.actor, one.rules))
    .map((one) => ({ slug: one.slug, label: one.name }));
  return (
    <section aria-labelledby="role-heading" className="flex flex-col gap-4">
      <PageHeader
        id="role-heading"
        back={{ href: rolesHref(target), label: "All roles" }}
        title={role.name}
        description={
          <>
            {role.builtIn ? "Built-in role" : "Custom role"} · <span className="font-mono">{role.slug}</span>
          </>
        }
      />
      <RoleEditor
        key={role.slug}
        target={target}
        productType={productType}
        conditionValues={conditionValues}
        role={{
          slug: role.slug,
          name: role.name,
          description: role.description,
          rules: role.rules,
          builtIn: role.builtIn,
          holders: holderCount,
          version: role.version,
        }}
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
