// Cronos macros (SEMANTICS §3): case-insensitive names for fixed expressions. Cronos accepts every macro under
// either format; the format listed here is the one whose field layout the equivalent expression uses.
// Macros are never jittered, even when a seed is given (docs/contract.md §5).

import type { CronFormat } from './schedule.js'

export interface MacroDefinition {
  readonly expression: string
  readonly format: CronFormat
}

export const MACROS: ReadonlyMap<string, MacroDefinition> = new Map([
  ['@every_second', { expression: '* * * * * *', format: 'seconds' }],
  ['@every_minute', { expression: '* * * * *', format: 'standard' }],
  ['@hourly', { expression: '0 * * * *', format: 'standard' }],
  ['@daily', { expression: '0 0 * * *', format: 'standard' }],
  ['@midnight', { expression: '0 0 * * *', format: 'standard' }],
  ['@weekly', { expression: '0 0 * * 0', format: 'standard' }],
  ['@monthly', { expression: '0 0 1 * *', format: 'standard' }],
  ['@yearly', { expression: '0 0 1 1 *', format: 'standard' }],
  ['@annually', { expression: '0 0 1 1 *', format: 'standard' }]
])

/** The definition of a macro name written in any letter case, or undefined. */
export function findMacro (name: string): MacroDefinition | undefined {
  return MACROS.get(name.toLowerCase())
}
