// tooDeep (issue 12) first asks whether anything is too deep without building paths, then walks again for the
// path. Its answers must be the earlier walk's: null for every value within MAX_JSON_DEPTH, and the same path, the
// first the old stack order met, for every value that is not.
import t from 'tap'
import { MAX_JSON_DEPTH, tooDeep } from '../../src/schemas/text.js'

/**
 * What tooDeep answered before issue 12, written as recursion: its walk was depth-first from a stack, so a
 * container's children were visited last first, and the first container found deeper than the limit named the path.
 */
function earlierTooDeep (value: unknown, path = '(root)', depth = 1): string | null {
  if (typeof value !== 'object' || value === null) return null
  if (depth > MAX_JSON_DEPTH) return path
  const entries = Object.entries(value)
  for (let i = entries.length - 1; i >= 0; i--) {
    const [key, child] = entries[i]!
    const found = earlierTooDeep(child, path === '(root)' ? key : `${path}.${key}`, depth + 1)
    if (found !== null) return found
  }
  return null
}

/** `levels` containers nested in one another (the outermost is level 1), the innermost holding `leaf`. */
function nested (levels: number, leaf: unknown = 1, array = false): unknown {
  let value = leaf
  for (let i = levels; i >= 1; i--) value = array ? [value] : { [`k${i}`]: value }
  return value
}

t.test('within the limit: null; one level past it: the path', async (t) => {
  for (const value of [null, 1, 'text', [], {}, nested(MAX_JSON_DEPTH), nested(MAX_JSON_DEPTH, 1, true), nested(MAX_JSON_DEPTH - 2, { a: [1, 'x', null] })]) {
    t.equal(tooDeep(value), null)
  }
  t.equal(tooDeep(nested(MAX_JSON_DEPTH + 1)), Array.from({ length: MAX_JSON_DEPTH }, (_, i) => `k${i + 1}`).join('.'))
  t.equal(tooDeep(nested(MAX_JSON_DEPTH + 1, 1, true)), Array.from({ length: MAX_JSON_DEPTH }, () => '0').join('.'))
  t.equal(tooDeep(nested(10_000, 1, true)), Array.from({ length: MAX_JSON_DEPTH }, () => '0').join('.'), '10,000 deep costs no stack')
  t.equal(tooDeep({ a: nested(MAX_JSON_DEPTH), b: 2 }), 'a.' + Array.from({ length: MAX_JSON_DEPTH - 1 }, (_, i) => `k${i + 1}`).join('.'))
})

t.test('the same answer as the earlier walk, for seeded random JSON values', async (t) => {
  let seed = 12
  // mulberry32
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32
  }
  // A chain of containers, each holding its next link, sometimes with scalar or shallow siblings beside it (so the
  // order of the walk matters), ending at a depth drawn around the limit; at most a few hundred nodes.
  const value = (depth: number, end: number): unknown => {
    if (depth > end) return random() < 0.5 ? null : Math.floor(random() * 100)
    const children = [value(depth + 1, end)]
    if (random() < 0.3) children.splice(Math.floor(random() * 2), 0, random() < 0.5 ? 'x' : value(depth + 1, depth + 2))
    if (random() < 0.05) children.push(value(depth + 1, end))
    return random() < 0.5 ? children : Object.fromEntries(children.map((child, i) => [`f${i}`, child]))
  }
  let deep = 0
  for (let i = 0; i < 500; i++) {
    const v = JSON.parse(JSON.stringify(value(1, MAX_JSON_DEPTH - 6 + Math.floor(random() * 12))))
    const expected = earlierTooDeep(v)
    if (expected !== null) deep++
    if (tooDeep(v) !== expected) t.fail(`value ${i}: ${String(tooDeep(v))} where the earlier walk said ${String(expected)}`)
  }
  t.ok(deep > 50 && deep < 450, `both kinds were drawn (${deep} of 500 too deep)`)
  const inherited = Object.create({ deep: nested(MAX_JSON_DEPTH + 1) }) as object
  t.equal(tooDeep(inherited), earlierTooDeep(inherited), 'inherited keys are not looked into, as Object.entries did not')
})
