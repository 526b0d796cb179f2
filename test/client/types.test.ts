// The SDK's types are generated from openapi/openapi.json; a stale clients/typescript/src/openapi.ts fails here.
import { readFileSync } from 'node:fs'
import t from 'tap'
import { generateTypes } from '../../clients/typescript/scripts/types.js'

t.test('clients/typescript/src/openapi.ts is what `npm run client:types` writes from the committed document', async (t) => {
  const committed = readFileSync(new URL('../../clients/typescript/src/openapi.ts', import.meta.url), 'utf8')
  t.ok(committed === await generateTypes(), 'fresh (run `npm run client:types` after `npm run openapi`)')
})
