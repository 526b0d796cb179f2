// python-dateutil as a live oracle for the RRULE expander: one python3 process,
// JSON lines in, JSON lines out. With `rfc`, dateutil runs with its three
// contradictions of RFC 5545 corrected (rrule_rfc.py beside this file).
import { spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const HELPERS_DIR = fileURLToPath(new URL('.', import.meta.url))

export interface OracleCase {
  /** RRULE value as given to rrulestr. */
  rule: string
  /** YYYY-MM-DD; passed as datetime(y, m, d) (midnight, naive). */
  dtstart: string
  /** Take at most this many occurrences. */
  max: number
  /** Last year to look at (inclusive); the oracle returns occurrences up to YYYY-12-31. */
  lastYear: number
  /** When either is given, the oracle expands a dateutil rruleset: the rule plus these RDATEs minus these EXDATEs. */
  rdates?: string[]
  exdates?: string[]
}

export type OracleResult = { dates: string[] } | { error: string }

// dateutil only gives up on a rule that never matches when it reaches
// datetime.MAXYEAR, which for FREQ=DAILY means millions of Python iterations.
// rrule.py reads that bound as `datetime.MAXYEAR` at run time, so the oracle lowers
// it to the case's last year: this changes where dateutil stops looking, never what
// it produces before that (weekly periods may still spill into January of the next
// year, so results are also cut at lastYear-12-31).
const SCRIPT = String.raw`
import sys, json, warnings
import datetime as _dt
from dateutil import rrule as _rr
warnings.simplefilter('ignore')
if len(sys.argv) > 2 and sys.argv[1] == 'rfc':
    sys.path.insert(0, sys.argv[2])
    import rrule_rfc
    rrule_rfc.install()
REAL_MAXYEAR = _dt.MAXYEAR
for line in sys.stdin:
    line = line.strip()
    if not line:
        continue
    c = json.loads(line)
    try:
        y, m, d = (int(x) for x in c['dtstart'].split('-'))
        last = int(c['lastYear'])
        _rr.datetime.MAXYEAR = min(last, REAL_MAXYEAR)
        rule = _rr.rrulestr(c['rule'], dtstart=_dt.datetime(y, m, d))
        if 'rdates' in c or 'exdates' in c:
            rs = _rr.rruleset()
            rs.rrule(rule)
            for x in c.get('rdates', []):
                rs.rdate(_dt.datetime(*(int(p) for p in x.split('-'))))
            for x in c.get('exdates', []):
                rs.exdate(_dt.datetime(*(int(p) for p in x.split('-'))))
            rule = rs
        out = []
        if c['max'] > 0:
            for res in rule:
                if res.year > last:
                    break
                out.append('%04d-%02d-%02d' % (res.year, res.month, res.day))
                if len(out) >= c['max']:
                    break
        print(json.dumps({'dates': out}))
    except Exception as e:
        print(json.dumps({'error': '%s: %s' % (type(e).__name__, e)}))
    finally:
        _rr.datetime.MAXYEAR = REAL_MAXYEAR
    sys.stdout.flush()
`

/** Whether python3 with dateutil can be run here (the reason when not). */
export function dateutilUnavailableReason (): string | null {
  const r = spawnSync('python3', ['-c', 'import dateutil'], { encoding: 'utf8' })
  if (r.error !== undefined) return `python3 not runnable: ${r.error.message}`
  if (r.status !== 0) return `python3 cannot import dateutil: ${r.stderr.trim()}`
  return null
}

/**
 * Runs all cases through dateutil in a single python3 process; results in input order. `rfc: true` uses
 * dateutil with the three RFC 5545 corrections of CONTRACT §14.
 */
export async function runDateutilOracle (cases: readonly OracleCase[], options: { rfc?: boolean } = {}): Promise<OracleResult[]> {
  const args = ['-c', SCRIPT, ...(options.rfc === true ? ['rfc', HELPERS_DIR] : [])]
  const child = spawn('python3', args, { stdio: ['pipe', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8')
  child.stderr.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => { stdout += chunk })
  child.stderr.on('data', (chunk: string) => { stderr += chunk })
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', code => resolve(code))
  })
  child.stdin.end(cases.map(c => JSON.stringify(c)).join('\n') + '\n')
  const code = await exited
  if (code !== 0) throw new Error(`dateutil oracle exited with ${String(code)}: ${stderr}`)
  const lines = stdout.split('\n').filter(l => l !== '')
  if (lines.length !== cases.length) throw new Error(`dateutil oracle answered ${lines.length} of ${cases.length} cases: ${stderr}`)
  return lines.map(l => JSON.parse(l) as OracleResult)
}
