import "server-only";
import type { Tx } from "../db.ts";
import type { EmailTokenPurpose } from "../../generated/prisma/enums.ts";
import { hashInvitationToken, newInvitationToken } from "../tokens.ts";

/** How long each kind of mailed link works. */
export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  VERIFY_EMAIL: 24 * 60 * 60 * 1000,
  RESET_PASSWORD: 60 * 60 * 1000,
};

/** A new single-use link for `purpose`; earlier unused ones of the same purpose die with it. */
export async function issueEmailToken(
  tx: Pick<Tx, "emailToken">,
  issue: { userId: string; email: string; purpose: EmailTokenPurpose; nextPath?: string | null },
): Promise<string> {
  const { token, tokenHash } = newInvitationToken();
  await tx.emailToken.deleteMany({ where: { userId: issue.userId, purpose: issue.purpose, usedAt: null } });
  await tx.emailToken.create({
    data: {
      userId: issue.userId,
      purpose: issue.purpose,
      email: issue.email,
      tokenHash,
      nextPath: issue.nextPath ?? null,
      expiresAt: new Date(Date.now() + EMAIL_TOKEN_TTL_MS[issue.purpose]),
    },
  });
  return token;
}

export type UsableEmailToken = { id: string; userId: string; email: string; nextPath: string | null };

/**
 * The token's row if it is of `purpose`, unused and unexpired, locked for the caller's
 * transaction (two clicks at once use it once). Null otherwise, whatever the reason.
 */
export async function lockUsableEmailToken(tx: Pick<Tx, "$queryRaw">, token: string, purpose: EmailTokenPurpose): Promise<UsableEmailToken | null> {
  const [row] = await tx.$queryRaw<Array<{ id: string; user_id: string; email: string; next_path: string | null }>>`
    SELECT id, user_id, email, next_path FROM email_tokens
     WHERE token_hash = ${hashInvitationToken(token)} AND purpose = ${purpose}::"EmailTokenPurpose"
       AND used_at IS NULL AND expires_at > now()
       FOR UPDATE`;
  return row ? { id: row.id, userId: row.user_id, email: row.email, nextPath: row.next_path } : null;
}

export async function markEmailTokenUsed(tx: Pick<Tx, "emailToken">, id: string): Promise<void> {
  await tx.emailToken.update({ where: { id }, data: { usedAt: new Date() } });
}
