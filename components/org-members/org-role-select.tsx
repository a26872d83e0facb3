"use client";

import { useRouter } from "next/navigation";
import { createContext, use, useState, type ReactNode } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { changeOrgMemberRoleAction } from "@/lib/actions/org-member-actions";

type RoleOption = { slug: string; label: string };

const RoleOptionsContext = createContext<RoleOption[]>([]);

/** The org's roles, sent to the browser once for every row's picker instead of once per row. */
export function OrgRoleOptions({ options, children }: { options: RoleOption[]; children: ReactNode }) {
  return <RoleOptionsContext value={options}>{children}</RoleOptionsContext>;
}

type Props = { orgSlug: string; membershipId: string; memberName: string; role: string };

/**
 * Changes a member's org role as soon as another is chosen; a refusal restores the old one.
 * Until the picker is focused or pressed it holds only the current role: a page of 50 rows
 * does not send every role 50 times.
 */
export function OrgRoleSelect({ orgSlug, membershipId, memberName, role }: Props) {
  const allOptions = use(RoleOptionsContext);
  const [expanded, setExpanded] = useState(false);
  const router = useRouter();
  const [value, setValue] = useState(role);
  const current = allOptions.filter((option) => option.slug === value);
  const options = expanded || current.length === 0 ? allOptions : current;
  const { submit, pending, fieldErrors, formError } = useFormAction(changeOrgMemberRoleAction, () => router.refresh());
  const error = formError ?? fieldErrors.role?.[0];
  return (
    <div className="flex flex-col gap-1">
      <select
        aria-label={`Role of ${memberName}`}
        value={value}
        disabled={pending}
        onFocus={() => setExpanded(true)}
        onPointerDown={() => setExpanded(true)}
        onChange={(event) => {
          const next = event.target.value;
          setValue(next);
          submit({ orgSlug, membershipId, role: next });
        }}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
      >
        {options.map((option) => (
          <option key={option.slug} value={option.slug}>
            {option.label}
          </option>
        ))}
      </select>
      <p aria-live="polite" className="text-xs text-red-700">
        {error && value !== role ? (
          <>
            {error}{" "}
            <button type="button" className="underline" onClick={() => setValue(role)}>
              Undo
            </button>
          </>
        ) : null}
      </p>
    </div>
  );
}
