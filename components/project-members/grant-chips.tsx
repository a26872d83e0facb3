import { ExpiryLabel } from "./expiry-label";

/** A member's or a group's roles in a project, one chip each, with the time left when they expire. */
export function GrantChips({
  grants,
  nameOf,
  renderedAt,
}: {
  grants: ReadonlyArray<{ role: string; expiresAt: Date | null }>;
  nameOf: (role: string) => string;
  renderedAt: number;
}) {
  return (
    <ul className="flex flex-wrap gap-2">
      {grants.map((grant) => (
        <li key={grant.role} className="rounded-md bg-slate-100 px-2 py-0.5 text-xs text-slate-800">
          {nameOf(grant.role)}
          {grant.expiresAt ? (
            <>
              {" · "}
              <ExpiryLabel expiresAt={grant.expiresAt.toISOString()} renderedAt={renderedAt} />
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
