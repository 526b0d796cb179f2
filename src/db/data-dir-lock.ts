// One process per DATA_DIR (docs/contract.md §10): embedded PGlite is a single-process database, and a second process on
// the same files would bootstrap its own key, see only its own writes, and lose the first one's data when both
// stop. The first process writes its pid into a lock file inside DATA_DIR; a second one finds a live pid there and
// refuses to start. A lock left by a process that no longer exists (a crash, SIGKILL) is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { join } from 'node:path'

export const LOCK_FILE = 'recurring-jobs.lock'

export class DataDirInUseError extends Error {}

function alive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Takes the lock of `dataDir` for this process; returns its release. Throws DataDirInUseError when held. */
export function lockDataDir (dataDir: string, pid = process.pid): () => void {
  mkdirSync(dataDir, { recursive: true })
  const path = join(dataDir, LOCK_FILE)
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, `${pid}\n`)
      closeSync(fd)
      let released = false
      return () => {
        if (released) return
        released = true
        try { unlinkSync(path) } catch { /* already gone */ }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = Number.parseInt(readFileSync(path, 'utf8').trim(), 10)
    if (Number.isInteger(holder) && holder > 0 && holder !== pid && alive(holder)) {
      throw new DataDirInUseError(`DATA_DIR ${dataDir} is in use by process ${holder} (lock file ${path}); embedded PGlite allows one process per DATA_DIR: stop it, or give this one another DATA_DIR or a DATABASE_URL`)
    }
    try { unlinkSync(path) } catch { /* taken by another starter meanwhile */ }
  }
  throw new DataDirInUseError(`DATA_DIR ${dataDir}: could not take the lock file ${path}`)
}
