// The frames with the most self time in V8 CPU profiles (node --cpu-prof; bench/api.ts --cpu-prof DIR writes them).
//
// Run:  npx tsx bench/cpu-profile.ts [--top 5] [--by function|package] profile.cpuprofile [more.cpuprofile …]
// Self time is a sample count × the sampling interval. `--by package` adds the frames up per node_modules
// package (or "service" for dist/ and src/, "node" for node: internals, the "(…)" pseudo-frames as they are).
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

const { values: args, positionals: files } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '5' }, by: { type: 'string', default: 'function' }, help: { type: 'boolean', short: 'h' } }
})

if (args.help === true || files.length === 0) {
  console.log('Usage: npx tsx bench/cpu-profile.ts [--top 5] [--by function|package] file.cpuprofile …')
  process.exit(args.help === true ? 0 : 2)
}

interface Node { id: number, callFrame: { functionName: string, url: string, lineNumber: number }, hitCount?: number }
interface Profile { nodes: Node[], startTime: number, endTime: number, samples: number[], timeDeltas: number[] }

function where (url: string): string {
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url)
  if (modules !== null) return `${modules[1]}/${modules[2]}`
  const own = /\/((?:dist|src|bench)\/.*)$/.exec(url)
  if (own !== null) return own[1]!
  return url.replace(/^file:\/\//, '')
}

function packageOf (url: string): string {
  if (url === '') return ''
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)
  if (modules !== null) return modules[1]!
  if (/\/(dist|src)\//.test(url)) return 'service'
  return url.startsWith('node:') ? 'node' : url
}

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const selfUs = new Map<number, number>()
  // Each sample's time is the delta to the next sample (the last sample's is the mean).
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i + 1] ?? (profile.endTime - profile.startTime) / profile.samples.length
    selfUs.set(profile.samples[i]!, (selfUs.get(profile.samples[i]!) ?? 0) + delta)
  }
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0)
  const idleUs = [...selfUs].filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)').reduce((a, [, us]) => a + us, 0)
  const groups = new Map<string, number>()
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame
    const key = args.by === 'package'
      ? (packageOf(frame.url) || frame.functionName)
      : `${frame.functionName || '(anonymous)'}  ${frame.url === '' ? '' : `${where(frame.url)}:${frame.lineNumber + 1}`}`
    groups.set(key, (groups.get(key) ?? 0) + us)
  }
  const busyUs = totalUs - idleUs
  console.log(`${file}: ${(totalUs / 1e6).toFixed(1)} s sampled, ${(busyUs / 1e6).toFixed(1)} s busy (not idle)`)
  const top = [...groups].filter(([key]) => !key.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, Number(args.top))
  for (const [key, us] of top) {
    console.log(`  ${(us / 1e3).toFixed(0).padStart(7)} ms  ${(100 * us / busyUs).toFixed(1).padStart(5)} % of busy  ${key}`)
  }
}
