// What every string and number that reaches us must satisfy (docs/contract.md §10): PostgreSQL text cannot hold U+0000,
// an unpaired surrogate cannot be encoded as UTF-8 (it would be stored as U+FFFD), a number JSON.parse turned into
// Infinity (1e400) would be stored as null, and nesting deeper than 64 levels is refused before anything recurses
// over it. The walk is iterative, so a body nested 10,000 deep costs a loop, not a stack.
import type { FieldIssue } from '../errors.js'

export const MAX_JSON_DEPTH = 64

declare global {
  // ES2024, in Node 20; our lib setting predates it.
  interface String { isWellFormed (): boolean }
}

/** Why a string cannot be accepted, or null when it can. */
export function textProblem (text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain U+0000'
  if (!text.isWellFormed()) return 'must not contain an unpaired surrogate'
  return null
}

function join (path: string, segment: string | number): string {
  if (typeof segment === 'number') return path === '' ? String(segment) : `${path}.${segment}`
  const shown = textProblem(segment) === null ? segment : JSON.stringify(segment)
  return path === '' ? shown : `${path}.${shown}`
}

/**
 * Every problem of a parsed JSON value, each naming its field as a dotted path under `root` (at most `limit`
 * issues; the walk stops there). An empty list means the value can be stored as it is.
 */
export function jsonProblems (value: unknown, root = '', limit = 20): FieldIssue[] {
  const issues: FieldIssue[] = []
  // A key's own problem travels on the stack as an issue, so that issues come out in document order.
  type Item = { value: unknown, path: string, depth: number } | { issue: FieldIssue }
  const stack: Item[] = [{ value, path: root, depth: 1 }]
  while (stack.length > 0 && issues.length < limit) {
    const item = stack.pop()!
    if ('issue' in item) { issues.push(item.issue); continue }
    const { value: v, path, depth } = item
    const field = path === '' ? '(root)' : path
    if (typeof v === 'string') {
      const problem = textProblem(v)
      if (problem !== null) issues.push({ field, message: problem })
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) issues.push({ field, message: 'must be a finite number (a double)' })
    } else if (typeof v === 'object' && v !== null) {
      if (depth > MAX_JSON_DEPTH) {
        issues.push({ field, message: `nests deeper than ${MAX_JSON_DEPTH} levels` })
        continue
      }
      const entries: Array<[string | number, unknown]> = Array.isArray(v) ? v.map((child, i) => [i, child]) : Object.entries(v)
      // Pushed in reverse so that the first entry is looked at first.
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!
        const childPath = join(path, key)
        const keyProblem = typeof key === 'string' ? textProblem(key) : null
        stack.push(keyProblem === null ? { value: child, path: childPath, depth: depth + 1 } : { issue: { field: childPath, message: `key ${keyProblem}` } })
      }
    }
  }
  return issues
}

/** One sentence naming every issue (the first ten, then how many more), so a client fixes them all at once. */
export function describeIssues (where: string, issues: readonly FieldIssue[]): string {
  if (issues.length === 0) return `Invalid ${where}`
  const shown = issues.slice(0, 10).map((issue) => `${issue.field} ${issue.message}`).join('; ')
  return `Invalid ${where}: ${shown}${issues.length > 10 ? ` (and ${issues.length - 10} more)` : ''}`
}

/**
 * The path of the first container nested deeper than MAX_JSON_DEPTH, or null. Whether there is one is asked first
 * without building a path for every key (every MCP request asks it; issue 12); only a body that is too deep is walked
 * again for the path, in the order it always was.
 */
export function tooDeep (value: unknown): string | null {
  return typeof value === 'object' && value !== null && nestsDeeper(value, 1) ? firstTooDeep(value) : null
}

/**
 * Whether a container within `value` (itself a container at `depth`) is deeper than MAX_JSON_DEPTH: the own
 * enumerable keys Object.entries would give, visited without allocating. The recursion ends at MAX_JSON_DEPTH + 1
 * frames, however deep the value.
 */
function nestsDeeper (value: object, depth: number): boolean {
  if (depth > MAX_JSON_DEPTH) return true
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue
    const child = (value as Record<string, unknown>)[key]
    if (typeof child === 'object' && child !== null && nestsDeeper(child, depth + 1)) return true
  }
  return false
}

function firstTooDeep (value: unknown): string | null {
  const stack: Array<{ value: unknown, path: string, depth: number }> = [{ value, path: '(root)', depth: 1 }]
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop()!
    if (typeof v !== 'object' || v === null) continue
    if (depth > MAX_JSON_DEPTH) return path
    for (const [key, child] of Object.entries(v)) stack.push({ value: child, path: path === '(root)' ? key : `${path}.${key}`, depth: depth + 1 })
  }
  return null
}
