// Authentication (docs/contract.md §2): every API request carries `Authorization: Bearer <token>`; the request-scoped
// principal is what routes read. requireScopes is the one helper every route uses to demand scopes.
import type { FastifyRequest, onRequestHookHandler } from 'fastify'
import { hashToken, sameHash, sameSecret, tokenKind } from '../auth/api-keys.js'
import { missingScopes, type Principal, type Scope } from '../auth/scopes.js'
import type { KeyCache } from '../auth/key-cache.js'
import type { ApiKeyRow } from '../auth/store.js'
import { ApiError } from '../errors.js'
import { limitedByAddress } from './auth-failures.js'

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null
  }
}

function bearerToken (request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (typeof header !== 'string') return null
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header)
  return m?.[1] ?? null
}

const unauthorized = () => new ApiError('unauthorized', 'A valid API key is required: send Authorization: Bearer <token>')

/** The principal of a key row; a cached row is one object for its lifetime, so its principal is built once. */
const principals = new WeakMap<ApiKeyRow, Principal>()

function principalFor (key: ApiKeyRow): Principal {
  let principal = principals.get(key)
  if (principal === undefined) {
    principal = { tenantId: key.tenantId, keyId: key.id, kind: key.kind, userId: key.userId, scopes: new Set(key.scopes as Scope[]) }
    principals.set(key, principal)
  }
  return principal
}

/** onRequest hook: resolves the bearer token to a principal, or answers 401 `unauthorized`. */
export function authenticate (keys: KeyCache): onRequestHookHandler {
  // A token that cannot be one of ours is refused before any query; failures count against the address.
  return limitedByAddress((request) => {
    const token = bearerToken(request)
    const kind = token === null ? null : tokenKind(token)
    if (token === null || kind === null) throw unauthorized()
    const hash = hashToken(token)
    // A fresh cached key decides at once, with no promise: most requests end here. The cache found it by this very
    // hash, so only the database's answer needs the constant-time comparison.
    const cached = keys.peek(hash)
    if (cached !== undefined) {
      if (cached.revokedAt !== null || cached.kind !== kind) throw unauthorized()
      request.principal = principalFor(cached)
      return
    }
    return keys.find(hash).then((key) => {
      if (key === null || key.revokedAt !== null || key.kind !== kind || !sameHash(key.tokenHash, hash)) throw unauthorized()
      request.principal = principalFor(key)
    })
  })
}

/** onRequest hook for operator routes: `Authorization: Bearer <ADMIN_TOKEN>`. */
export function authenticateAdmin (adminToken: string): onRequestHookHandler {
  return limitedByAddress((request) => {
    const token = bearerToken(request)
    if (token === null || !sameSecret(token, adminToken)) {
      throw new ApiError('unauthorized', 'The admin API needs Authorization: Bearer <ADMIN_TOKEN>')
    }
  })
}

/** The principal of an authenticated request (routes behind `authenticate` always have one). */
export function principalOf (request: FastifyRequest): Principal {
  if (request.principal === null) throw unauthorized()
  return request.principal
}

/**
 * Route onRequest hook demanding every listed scope (403 `insufficient_scope`); with none, any valid key passes.
 * It runs after `authenticate` and before the body is read, so a key without the scope learns nothing about the
 * body (403 before 400, docs/contract.md §10): use it as `onRequest`, never as a later hook.
 */
export function requireScopes (...scopes: Scope[]): onRequestHookHandler {
  // A callback hook: it runs on every request of its routes, and does nothing that waits.
  return (request, _reply, done) => {
    if (request.principal === null) { done(unauthorized()); return }
    const missing = missingScopes(request.principal, scopes)
    if (missing.length > 0) {
      done(new ApiError('insufficient_scope', `This key lacks the scope${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`))
      return
    }
    done()
  }
}
