// docs/contract.md §2: the scope catalogue. Write never implies read; a key created without a scope list has all of them.
export const SCOPES = [
  'read:recurring', 'write:recurring', 'work:executions',
  'read:job_series', 'write:job_series', 'read:jobs', 'write:jobs'
] as const

export type Scope = typeof SCOPES[number]

/** The authenticated caller of one request: routes and services read it, never the raw token. */
export interface Principal {
  readonly tenantId: string
  readonly keyId: string
  readonly kind: 'user' | 'tenant'
  /** The team member a user-bound key belongs to; null for tenant keys. */
  readonly userId: string | null
  readonly scopes: ReadonlySet<Scope>
}

export function missingScopes (principal: Principal, required: readonly Scope[]): Scope[] {
  return required.filter((scope) => !principal.scopes.has(scope))
}
