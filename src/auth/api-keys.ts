// API keys: ≥128 bits of randomness (we use 256), shown once, stored only as a SHA-256 hash. A hash lookup finds
// the row; the stored and computed hashes are then compared in constant time.
import { hash, randomBytes, timingSafeEqual } from 'node:crypto'

export type KeyKind = 'user' | 'tenant'

const PREFIX: Record<KeyKind, string> = { user: 'zoop_uk_', tenant: 'zoop_tk_' }
const TOKEN = /^zoop_(uk|tk)_[A-Za-z0-9_-]{22,200}$/

export function generateToken (kind: KeyKind): string {
  return PREFIX[kind] + randomBytes(32).toString('base64url')
}

export function hashToken (token: string): string {
  // One call instead of a Hash object per request (crypto.hash: Node ≥ 20.12; a string is hashed as UTF-8).
  return hash('sha256', token, 'hex')
}

/** The kind a token's prefix claims, or null when the token is not shaped like one of ours. */
export function tokenKind (token: string): KeyKind | null {
  const m = TOKEN.exec(token)
  if (m === null) return null
  return m[1] === 'uk' ? 'user' : 'tenant'
}

export function sameHash (a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex')
  const right = Buffer.from(b, 'hex')
  return left.length === right.length && timingSafeEqual(left, right)
}

/** Constant-time comparison of two secrets of any length (admin and metrics tokens). */
export function sameSecret (given: string, expected: string): boolean {
  return sameHash(hashToken(given), hashToken(expected))
}
