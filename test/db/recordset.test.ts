// db/recordset.ts: the compact form of a batch must read back, through json_to_recordset and coalesce, as exactly
// the rows given — shared values, a row's own nulls, and columns that differ alike.
import { sql } from 'drizzle-orm'
import t from 'tap'
import { queryRows } from '../../src/db/connect.js'
import { compactRecordset } from '../../src/db/recordset.js'
import { eachDatabase } from '../helpers/db.js'

t.test('values every row shares go once; nulls and differing values stay in their rows', async (t) => {
  const rows = [
    { id: 'a', tenant: 't1', at: '2026-03-24T15:00:00.000Z', note: null, n: 1 },
    { id: 'b', tenant: 't1', at: '2026-03-24T15:00:00.000Z', note: 'x', n: 2 },
    { id: 'c', tenant: 't1', at: '2026-03-24T15:00:00.000Z', note: null, n: 1 }
  ]
  const { json, common } = compactRecordset(rows, ['tenant', 'at', 'note', 'n'])
  t.strictSame(common, { tenant: 't1', at: '2026-03-24T15:00:00.000Z', note: null, n: null })
  t.strictSame(JSON.parse(json), [{ id: 'a', n: 1 }, { id: 'b', note: 'x', n: 2 }, { id: 'c', n: 1 }])
  t.strictSame(compactRecordset([{ id: 'a', at: null }, { id: 'b', at: null }], ['at']).common, { at: null }, 'a null is never shared')
  t.strictSame(compactRecordset([], ['at']), { json: '[]', common: { at: null } })
})

t.test('the statement reads the compact rows back as the rows given', async (t) => {
  await eachDatabase(t, async (t, { database }) => {
    const cases = [
      [{ id: 'a', at: '2026-03-24T15:00:00.000Z', n: 1 }, { id: 'b', at: '2026-03-24T15:00:00.000Z', n: 1 }],
      [{ id: 'a', at: '2026-03-24T15:00:00.000Z', n: 1 }, { id: 'b', at: null, n: 3 }, { id: 'c', at: '2026-03-25T15:00:00.000Z', n: 1 }]
    ]
    for (const rows of cases) {
      const { json, common: c } = compactRecordset(rows, ['at', 'n'])
      const back = await queryRows<{ id: string, at: string | null, n: number }>(database.db, sql`
        select j.id, to_char(coalesce(j.at, ${c.at}::timestamptz) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
               coalesce(j.n, ${c.n}::integer) as n
        from json_to_recordset(${json}::json) as j(id text, at timestamptz, n integer) order by j.id`)
      t.strictSame(back.map((r) => ({ ...r, n: Number(r.n) })), rows)
    }
  })
})
