// Words and limits of the approval engine, safe to import from client components.

/** A break-glass reason must say something: it is reviewed. */
export const BREAK_GLASS_MIN_REASON = 10;

export type Decision = "APPROVE" | "REJECT";

export const approvalsInWords = (count: number) => `${count} approval${count === 1 ? "" : "s"}`;
