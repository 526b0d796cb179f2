// Process entry. The configuration is parsed first, with nothing else loaded yet, so a bad variable is refused at once:
// one line, exit code 2 (docs/contract.md §10 "Configuration"); only then is the service loaded and started
// (start.ts). This is the one module that reads process.env.
import { ConfigError, loadConfig, type Config } from './config.js'

let config: Config
try {
  config = loadConfig(process.env)
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  console.error(error.message)
  process.exit(2)
}

try {
  const { start } = await import('./start.js')
  await start(config)
} catch (error) {
  console.error('recurring-jobs failed to start:', error)
  process.exit(1)
}
