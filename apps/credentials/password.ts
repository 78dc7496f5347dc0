import { hash, verify } from '@node-rs/argon2';

// Argon2id with the OWASP baseline (19 MiB, 2 passes, the settings below): slow for an attacker, quick for a sign-in.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** A hash of nothing, checked when the login is unknown so both paths take the same time. */
export const DUMMY_HASH = hashPassword('dondoc-dummy-password');
