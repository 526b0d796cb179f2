// Creates a new embedded PGlite data directory and exits. main runs this in a child process on first start:
// PGlite's initdb grows the WebAssembly heap to ~850 MB, which a process never gives back, so doing it elsewhere
// keeps the service's own RSS near what a normal open needs (~300 MB).
import { PGlite } from '@electric-sql/pglite'
import { PGLITE_OPTIONS } from './connect.js'

const dir = process.argv[2]
if (dir === undefined) throw new Error('usage: init-pglite <data dir>')
const db = await PGlite.create(dir, PGLITE_OPTIONS)
await db.close()
