// `npm start` runs this first: it runs `npm run build` only when something the build reads (src/, dashboard/, the
// tsconfig files, package.json) is newer than dist/.tsbuildinfo, stamped after every build. A current dist/ starts
// at once.
import { execFileSync } from 'node:child_process'
import { readdirSync, statSync, utimesSync } from 'node:fs'
import { join } from 'node:path'

const stamp = 'dist/.tsbuildinfo'

function newest (path) {
  const info = statSync(path)
  if (!info.isDirectory()) return info.mtimeMs
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))))
}

let built = 0
try { built = statSync(stamp).mtimeMs } catch { built = 0 }
const inputs = Math.max(...['src', 'dashboard', 'tsconfig.json', 'tsconfig.build.json', 'package.json'].filter((p) => { try { statSync(p); return true } catch { return false } }).map(newest))
if (inputs > built) {
  execFileSync('npm', ['run', 'build'], { stdio: 'inherit' })
  // An incremental build with nothing to emit leaves the stamp as it was: mark this check as done.
  const now = new Date()
  utimesSync(stamp, now, now)
}
