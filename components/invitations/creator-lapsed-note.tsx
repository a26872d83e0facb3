/** Marks an invitation or link that will be refused: whoever made it can no longer grant it. */
export function CreatorLapsedNote({ creator }: { creator: string | null }) {
  return (
    <span className="mt-1 block text-amber-800">
      <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium">Will be refused</span>{" "}
      {creator ? `${creator} can no longer grant what this offers.` : "Whoever made this is no longer here."} Revoke it and make a new one.
    </span>
  );
}
