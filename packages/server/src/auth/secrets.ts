// Secrets we hand out (session, API and chat visitor tokens) and how we keep them: random, prefixed so a leaked one is easy to
// recognise, stored only as SHA-256 (they carry 256 bits of entropy, so a fast hash is enough). Passwords are the
// opposite case (low entropy), so they get argon2id, a memory-hard function.
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

export type SecretKind = 'session' | 'api' | 'visitor';
// A visitor token lives in a browser or an app on the customer's device: its own prefix keeps it recognisable and
// lets authentication route it to visitors only (it is never a principal).
const prefixOf: Record<SecretKind, string> = { session: 'dgs_', api: 'dgt_', visitor: 'dgv_' };

export function newSecret(kind: SecretKind) {
  return prefixOf[kind] + randomBytes(32).toString('base64url');
}

export function secretKind(secret: string): SecretKind | null {
  if (secret.startsWith(prefixOf.session)) return 'session';
  if (secret.startsWith(prefixOf.api)) return 'api';
  if (secret.startsWith(prefixOf.visitor)) return 'visitor';
  return null;
}

export function hashSecret(secret: string) {
  return createHash('sha256').update(secret).digest('hex');
}

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane).
const argonOptions = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, argonOptions);

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password: login compares against it when the e-mail is unknown, so timing tells nothing. */
let decoyHash: Promise<string> | undefined;
export const decoyPasswordHash = () => (decoyHash ??= hashPassword(randomBytes(16).toString('hex')));
