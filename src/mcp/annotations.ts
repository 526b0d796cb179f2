// What tools/list says about each tool beyond its schema (docs/contract.md §10): a title for people and the MCP
// annotations clients use to decide what needs a confirmation. One row per tool; a new tool adds its row here
// (test/mcp/transport.test.ts fails for a tool without one). None of our tools reaches outside the service, so
// openWorldHint is always false.

export interface ToolMeta {
  title: string
  /** Changes nothing. */
  readOnly: boolean
  /** May cancel or overwrite what exists (instances, a series' future). */
  destructive: boolean
  /** Calling it again with the same arguments changes nothing more. */
  idempotent: boolean
  /** Arguments the tool refuses but keeps out of its published schema (job_series.update: dtstart cannot change). */
  unadvertised?: readonly string[]
}

const read = (title: string): ToolMeta => ({ title, readOnly: true, destructive: false, idempotent: true })

export const TOOL_META: Readonly<Record<string, ToolMeta>> = {
  'job_series.list': read('List job series'),
  'job_series.get': read('Get a job series'),
  'job_series.preview': read('Preview an RRULE'),
  'job_series.create': { title: 'Create a job series', readOnly: false, destructive: false, idempotent: false },
  'job_series.update': { title: 'Update a job series', readOnly: false, destructive: true, idempotent: false, unadvertised: ['dtstart'] },
  'job_series.end': { title: 'End a job series', readOnly: false, destructive: true, idempotent: true },
  'jobs.list': read('List jobs'),
  'jobs.get': read('Get a job'),
  'jobs.update': { title: 'Update a job', readOnly: false, destructive: true, idempotent: true }
}

/** A tool without its own row is described from its scope, conservatively (writes count as destructive). */
export function metaOf (name: string, scope: string): ToolMeta {
  return TOOL_META[name] ?? (scope.startsWith('read:')
    ? read(name)
    : { title: name, readOnly: false, destructive: true, idempotent: false })
}

export function annotationsOf (meta: ToolMeta) {
  return { title: meta.title, readOnlyHint: meta.readOnly, destructiveHint: meta.destructive, idempotentHint: meta.idempotent, openWorldHint: false }
}
