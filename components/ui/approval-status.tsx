/** An approval flow's request status (PAM access, project roles): break-glass marked, and how far a pending one got. */
export function ApprovalStatus({
  label,
  pending,
  breakGlass,
  approvals,
  requiredApprovals,
}: {
  label: string;
  pending: boolean;
  breakGlass: boolean;
  approvals: number;
  requiredApprovals: number;
}) {
  return (
    <>
      {breakGlass ? <span className="mr-1 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800">Break-glass</span> : null}
      {label}
      {pending ? (
        <span className="block text-xs text-slate-600">
          {approvals} of {requiredApprovals} approvals
        </span>
      ) : null}
    </>
  );
}
