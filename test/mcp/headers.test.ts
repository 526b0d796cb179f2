// The header values the MCP route forwards are trimmed as a web Headers object trims them (issue 12 skips the regex
// when neither end is whitespace): the same value for every mix of HTTP whitespace at either end.
import t from 'tap'
import { trimHttpWhitespace } from '../../src/mcp/route.js'

t.test('trimHttpWhitespace trims what Headers trims, and nothing else', async (t) => {
  const cores = ['', 'application/json', 'application/json, text/event-stream', 'a b', '\u00a0x\u00a0', 'x\u000b', '\u00ffx']
  const edges = ['', ' ', '\t', '\r', '\n', ' \t', '\r\n ', '\t \n\r\t']
  let compared = 0
  for (const core of cores) {
    for (const before of edges) {
      for (const after of edges) {
        const value = before + core + after
        // A Headers value holds no CR or LF inside; at its ends they are trimmed like the rest.
        const expected = new Headers({ h: value }).get('h')
        t.equal(trimHttpWhitespace(value), expected, JSON.stringify(value))
        compared++
      }
    }
  }
  t.equal(compared, cores.length * edges.length ** 2)
  const kept = 'no-edge-whitespace'
  t.equal(trimHttpWhitespace(kept), kept, 'a value without edge whitespace comes back as it is')
})
