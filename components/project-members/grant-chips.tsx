import { ExpiryLabel } from "./expiry-label";

/** A role a member or group holds in a project, named, with its expiry as an ISO instant. */
export type NamedGrant = { role: string; name: string; expiresAt: string | null };

/** A member's or a group's roles in a project, one chip each, with the time left when they expire. */
export function GrantChips({ grants, renderedAt }: { grants: readonly NamedGrant[]; renderedAt: number }) {
  return (
    <ul className="flex flex-wrap gap-2">
      {grants.map((grant) => (
        <li key={grant.role} className="rounded-md bg-slate-100 px-2 py-0.5 text-xs text-slate-800">
          {grant.name}
          {grant.expiresAt ? (
            <>
              {" · "}
              <ExpiryLabel expiresAt={grant.expiresAt} renderedAt={renderedAt} />
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
