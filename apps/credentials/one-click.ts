// One-click acknowledge links in e-mails: the token carries its own signature and expiry, so a forged or
// stale link is refused without a database read; the database row makes each link usable once.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../database/repositories/queryable.js';
import type { OneClickRepository } from '../database/repositories/one-click.repository.js';

const MS_PER_DAY = 86_400_000;

interface TokenPayload {
  /** The token row's id. */
  id: string;
  /** The assignment the link acknowledges. */
  a: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export type VerifyResult =
  | { ok: true; id: string; assignmentId: string; expiresAt: Date }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function sign(encodedPayload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(encodedPayload).digest();
}

/** The token alone, without storing anything (createAcknowledgeLink stores its row). */
export function signOneClickToken(
  payload: { id: string; assignmentId: string; expiresAt: Date },
  secret: string,
): string {
  const body: TokenPayload = {
    id: payload.id,
    a: payload.assignmentId,
    exp: Math.floor(payload.expiresAt.getTime() / 1000),
  };
  const encoded = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${encoded}.${sign(encoded, secret).toString('base64url')}`;
}

export function verifyOneClickToken(token: string, secret: string, now: Date = new Date()): VerifyResult {
  if (typeof token !== 'string' || token.length > 1024) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2 || !BASE64URL.test(parts[0]!) || !BASE64URL.test(parts[1]!))
    return { ok: false, reason: 'malformed' };
  const [encoded, signature] = parts as [string, string];
  const expected = sign(encoded, secret);
  const given = Buffer.from(signature, 'base64url');
  // Base64 leaves spare bits in the last character: only the canonical spelling of a signature is accepted.
  if (
    given.length !== expected.length ||
    !timingSafeEqual(given, expected) ||
    given.toString('base64url') !== signature
  )
    return { ok: false, reason: 'bad_signature' };
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!isPayload(payload)) return { ok: false, reason: 'malformed' };
  const expiresAt = new Date(payload.exp * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, id: payload.id, assignmentId: payload.a, expiresAt };
}

function isPayload(p: unknown): p is TokenPayload {
  if (typeof p !== 'object' || p === null) return false;
  const o = p as Record<string, unknown>;
  return (
    typeof o.id === 'string' &&
    o.id !== '' &&
    typeof o.a === 'string' &&
    o.a !== '' &&
    typeof o.exp === 'number' &&
    Number.isSafeInteger(o.exp)
  );
}

/** When a link made at `now` expires: whole seconds, so the stored expiry equals the one in the token. */
export function linkExpiry(now: Date, ttlDays: number): Date {
  return new Date(Math.floor((now.getTime() + ttlDays * MS_PER_DAY) / 1000) * 1000);
}

/** Stores a fresh token for the assignment and returns the link that spends it. */
export async function createAcknowledgeLink(
  db: Queryable,
  tokens: OneClickRepository,
  o: { assignmentId: string; publicUrl: string; secret: string; ttlDays: number; now?: Date },
): Promise<string> {
  const id = randomBytes(16).toString('base64url');
  const expiresAt = linkExpiry(o.now ?? new Date(), o.ttlDays);
  await tokens.insert(db, { id, assignmentId: o.assignmentId, expiresAt });
  const token = signOneClickToken({ id, assignmentId: o.assignmentId, expiresAt }, o.secret);
  return `${o.publicUrl.replace(/\/+$/, '')}/api/one-click/${token}`;
}
