// Secret tokens for hosts, players and challenge leads: random, kept only as SHA-256 hashes, compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const hashToken = (token: string) => createHash('sha256').update(token).digest();
export const newToken = () => randomBytes(24).toString('base64url');
/** A constant-time comparison of a token with a stored hash. */
export const sameToken = (token: string, expected: Buffer) =>
  expected.length === 32 && timingSafeEqual(hashToken(token), expected);
