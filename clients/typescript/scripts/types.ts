// The one way src/openapi.ts is produced (generate-types.ts writes it; the freshness test compares with it).
import { readFileSync } from 'node:fs'
import openapiTS, { astToString } from 'openapi-typescript'

export const OPENAPI_DOCUMENT = new URL('../../../openapi/openapi.json', import.meta.url)

export async function generateTypes (): Promise<string> {
  const document = JSON.parse(readFileSync(OPENAPI_DOCUMENT, 'utf8')) as Record<string, unknown>
  // A request field with a default may be omitted: without this, openapi-typescript makes every defaulted field required.
  const ast = await openapiTS(document as never, { defaultNonNullable: false })
  return '// Generated from openapi/openapi.json by `npm run generate -w @recurring-jobs/client`; do not edit.\n' +
    '/* eslint-disable */\n' + astToString(ast)
}
