// Who did something, as people read it: the engine records logins ("nguyenvana"), "system" or "plan:v2" for
// itself, and "one-click-link" for an acknowledgement from an e-mail; pages show a person's name and unit.
import type { Queryable } from '../../database/repositories/queryable.js';
import type { UserRepository } from '../../database/repositories/user.repository.js';

export type ActorKind = 'person' | 'engine' | 'email_link';

export interface ActorName {
  kind: ActorKind;
  /** "Nguyễn Văn A (Bộ phận một cửa)" for a person; null for the engine and an e-mail link. */
  name: string | null;
}

/** The engine's own actors: anything that is not a login of the issuer's users. */
const EMAIL_LINK = 'one-click-link';

/** Resolves every actor of a list at once (one query). */
export async function actorNames(
  users: UserRepository,
  db: Queryable,
  issuerId: string,
  actors: readonly (string | null | undefined)[],
): Promise<(actor: string | null | undefined) => ActorName> {
  const logins = [...new Set(actors.filter((a): a is string => !!a && a !== EMAIL_LINK))];
  const named = new Map(
    (await users.namesByLogin(db, issuerId, logins)).map((u) => [
      u.login,
      // The unit after the name, unless the name says it already ("Cán bộ Bộ phận một cửa").
      u.unitName && !u.displayName.includes(u.unitName) ? `${u.displayName} (${u.unitName})` : u.displayName,
    ]),
  );
  return (actor) => {
    if (actor === EMAIL_LINK) return { kind: 'email_link', name: null };
    const name = actor ? named.get(actor) : undefined;
    return name ? { kind: 'person', name } : { kind: 'engine', name: null };
  };
}
