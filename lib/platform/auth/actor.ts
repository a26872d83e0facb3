/**
 * The signed-in person making a request, as the database says now (lib/platform/authz/actor.ts
 * loads it). A type only, so that anything may name it without importing sign-in itself.
 */
export type Actor = { userId: string; name: string; email: string };
