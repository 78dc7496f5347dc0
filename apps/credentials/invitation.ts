// Invitation links: a random token in the e-mail, only its SHA-256 in the database, so a copy of the database
// cannot be used to join; the row makes each link usable once and until it expires.
import { createHash, randomBytes } from 'node:crypto';

export const INVITATION_TTL_DAYS = 7;

export function newInvitationToken(): { token: string; id: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, id: invitationId(token) };
}

/** The row id of a token; anything not shaped like one of ours gets an id that matches no row. */
export function invitationId(token: string): string {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return '0'.repeat(64);
  return createHash('sha256').update(token).digest('hex');
}
