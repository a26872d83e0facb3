/** Free seats, shown before anyone fills in an invite or link form (null: the plan does not limit them). */
export function FreeSeatsNote({ freeSeats, whenFull }: { freeSeats: number | null; whenFull: string }) {
  if (freeSeats === null) return <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">Seats are not limited on this plan.</p>;
  return (
    <p className={`rounded-md px-3 py-2 text-sm ${freeSeats > 0 ? "bg-slate-50 text-slate-700" : "bg-amber-50 text-amber-900"}`}>
      {freeSeats > 0 ? `${freeSeats} ${freeSeats === 1 ? "seat is" : "seats are"} free. Each person who joins takes one.` : whenFull}
    </p>
  );
}
