"use server";

// The benchmark's floor for server actions: a call that does nothing but answer. Only the
// bench-only page below imports it, so normal builds do not contain it.
export async function noopAction(): Promise<void> {}
