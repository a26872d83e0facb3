/**
 * The signed-in person making a request, as the database says now (lib/platform/authz/actor.ts
 * loads it). A type only, so that anything may name it without importing sign-in itself.
 */
export type Actor = {
  userId: string;
  name: string;
  email: string;
  /** The sign-in (user_sessions row) behind this request; absent for a machine identity's API call. */
  sessionId?: string;
};
