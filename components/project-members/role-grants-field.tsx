"use client";

import { useId } from "react";

export type GrantDraft = { role: string; expiresAt: string };

type RoleOption = { slug: string; label: string; description: string; coveredBy?: string[] };

/**
 * Picks one or more roles, each permanent or until a chosen time. Values are kept as the
 * person typed them (a datetime-local string); the server validates.
 */
export function RoleGrantsField({
  roles,
  value,
  onChange,
  errors,
}: {
  roles: RoleOption[];
  value: GrantDraft[];
  onChange: (next: GrantDraft[]) => void;
  errors?: string[];
}) {
  const id = useId();
  const selected = new Map(value.map((grant) => [grant.role, grant]));
  const chosenLabels = new Set(roles.filter((role) => selected.has(role.slug)).map((role) => role.label));
  function toggle(role: string, checked: boolean) {
    onChange(checked ? [...value, { role, expiresAt: "" }] : value.filter((grant) => grant.role !== role));
  }
  function setExpiry(role: string, expiresAt: string) {
    onChange(value.map((grant) => (grant.role === role ? { ...grant, expiresAt } : grant)));
  }
  return (
    <fieldset aria-describedby={errors?.length ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">Roles</legend>
      <ul className="mt-2 flex flex-col gap-2">
        {roles.map((role) => {
          const grant = selected.get(role.slug);
          return (
            <li key={role.slug} className="rounded-md border border-slate-200 p-3">
              <label className="flex items-start gap-3 text-sm">
                <input
                  type="checkbox"
                  className="mt-1"
                  checked={Boolean(grant)}
                  onChange={(event) => toggle(role.slug, event.target.checked)}
                />
                <span>
                  <span className="block font-medium">{role.label}</span>
                  <span className="block text-slate-600">{role.description}</span>
                </span>
              </label>
              {grant && role.coveredBy?.some((label) => chosenLabels.has(label)) ? (
                <p className="mt-2 pl-7 text-sm text-amber-800">
                  Already covered by {role.coveredBy.filter((label) => chosenLabels.has(label)).join(" and ")}: {role.label} adds nothing while
                  that lasts.
                </p>
              ) : null}
              {grant ? (
                <div className="mt-2 flex items-center gap-2 pl-7 text-sm">
                  <label htmlFor={`${id}-${role.slug}-expiry`} className="text-slate-700">
                    Expires
                  </label>
                  <input
                    id={`${id}-${role.slug}-expiry`}
                    type="datetime-local"
                    value={grant.expiresAt}
                    onChange={(event) => setExpiry(role.slug, event.target.value)}
                    className="rounded-md border border-slate-300 px-2 py-1"
                  />
                  <span className="text-xs text-slate-500">{grant.expiresAt ? "" : "Leave empty to keep it permanently"}</span>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {errors[0]}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The drafts as the action expects them: local date-times become instants. */
export function toGrantInput(drafts: GrantDraft[]) {
  return drafts.map((draft) => ({ role: draft.role, expiresAt: draft.expiresAt ? new Date(draft.expiresAt) : null }));
}

/** Stored instants shown in the browser's own time zone, as datetime-local wants them. */
export function fromIsoGrants(grants: Array<{ role: string; expiresAt: string | null }>): GrantDraft[] {
  return grants.map(({ role, expiresAt }) => {
    if (!expiresAt) return { role, expiresAt: "" };
    const date = new Date(expiresAt);
    const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
    return { role, expiresAt: local.toISOString().slice(0, 16) };
  });
}
