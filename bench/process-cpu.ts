// CPU time of processes on this machine (Linux, /proc/<pid>/stat), for the benches that print CPU per item beside
// wall time: a busy machine moves wall time far more than it moves CPU time.
import { readFileSync } from 'node:fs'

const TICK_MS = 10 // USER_HZ: /proc counts CPU time in 1/100 s

/** User + system CPU milliseconds process `pid` has used so far; null when it cannot be read (ended, or not Linux). */
export function processCpuMs (pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ') // after "pid (name) "; the name may hold spaces
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS // utime, stime (fields 14 and 15)
  } catch {
    return null
  }
}

/** processCpuMs of each pid; null when any of them cannot be read. */
export function cpuByPid (pids: Iterable<number>): Map<number, number> | null {
  const out = new Map<number, number>()
  for (const pid of pids) {
    const ms = processCpuMs(pid)
    if (ms === null) return null
    out.set(pid, ms)
  }
  return out
}

/**
 * What the processes of `after` used since `before`: one that started in between counts from zero, one that ended
 * takes its time with it (an undercount, never a negative figure).
 */
export function cpuUsedMs (before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let sum = 0
  for (const [pid, ms] of after) sum += ms - (before.get(pid) ?? 0)
  return sum
}
