// `npm start` runs this first: it builds (tsc, then the dashboard bundle) only when something the build reads
// (src/, dashboard/, the tsconfig files, package.json) is newer than dist/.tsbuildinfo, or the dashboard bundle is
// missing. A current dist/ starts at once.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs'
import { join } from 'node:path'

const stamp = 'dist/.tsbuildinfo'

function newest (path) {
  const info = statSync(path)
  if (!info.isDirectory()) return info.mtimeMs
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))))
}

let built = 0
try { built = statSync(stamp).mtimeMs } catch { built = 0 }
const inputs = Math.max(...['src', 'dashboard', 'tsconfig.json', 'tsconfig.build.json', 'package.json'].map(newest))
if (inputs > built || !existsSync('dist/dashboard-ui')) {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' })
  execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'dashboard/build.ts'], { stdio: 'inherit' })
  // An incremental build with nothing to emit leaves the stamp as it was: mark this check as done.
  const now = new Date()
  utimesSync(stamp, now, now)
}
