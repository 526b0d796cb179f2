// src/main.ts as a child process for the tests of the real process. Whatever happens to the test (failure, timeout,
// bail-out), the child is SIGKILLed: by the test's teardown, and by an exit handler, because tap ends a timed-out
// test file by signalling it and teardowns may not run then.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Test } from 'tap'
import { childEnv } from './child-env.js'

const root = fileURLToPath(new URL('../..', import.meta.url))

export interface MainProcess { child: ChildProcess, kill: () => void }

/** Spawns src/main.ts on port 0 with the scheduler off and only PATH inherited, `env` on top. */
export function spawnMain (t: Test, env: Record<string, string | undefined>): MainProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: childEnv({ PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', SCHEDULER: 'off', ...env }),
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const kill = () => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL') }
  t.teardown(kill)
  process.once('exit', kill)
  return { child, kill }
}
