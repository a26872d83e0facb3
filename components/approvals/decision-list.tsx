const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

type Decision = { approverName: string; decision: "APPROVE" | "REJECT"; comment: string; createdAt: Date };

/** Who decided a request, how and when, oldest first; or that nobody has (break-glass needs nobody). */
export function DecisionList({ decisions, breakGlass }: { decisions: readonly Decision[]; breakGlass: boolean }) {
  if (decisions.length === 0)
    return <p className="text-sm text-slate-600">{breakGlass ? "None: break-glass needs no approval." : "Nobody has decided yet."}</p>;
  return (
    <ul className="flex flex-col gap-1 text-sm">
      {decisions.map((decision) => (
        <li key={`${decision.approverName}-${decision.createdAt.toISOString()}`}>
          <span className="font-medium">{decision.approverName}</span> {decision.decision === "APPROVE" ? "approved" : "rejected"} on{" "}
          {time.format(decision.createdAt)} UTC
          {decision.comment ? <span className="text-slate-600"> — {decision.comment}</span> : null}
        </li>
      ))}
    </ul>
  );
}
