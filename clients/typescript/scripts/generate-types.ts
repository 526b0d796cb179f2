// Writes src/openapi.ts (the types of every operation) from the service's OpenAPI document. A test in the
// service's suite regenerates it the same way and fails when the committed file is stale.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { generateTypes } from './types.js'

const target = fileURLToPath(new URL('../src/openapi.ts', import.meta.url))
writeFileSync(target, await generateTypes())
console.log(`wrote ${target}`)
