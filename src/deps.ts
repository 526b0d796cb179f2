// What buildApp hands to every feature: configuration, the database and the clock. In its own module below the
// features, so a feature that needs the type never imports app.ts (which imports every feature).
import type { Config } from './config.js'
import type { Database } from './db/connect.js'
import type { Clock } from './time/clock.js'

export interface AppDeps {
  readonly config: Config
  readonly database: Database
  readonly clock: Clock
}
