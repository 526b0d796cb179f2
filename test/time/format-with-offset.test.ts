import { test } from 'tap'
import { civilFromDays, formatWithOffset, offsetMinutesAt } from '../../src/time/zones.js'

// formatWithOffset as it was written before issue 12 (padStart for every field, the offset written each time):
// the faster one must give the same text for every instant and zone.
function pad (value: number, width: number): string { return String(value).padStart(width, '0') }
function before (instant: Date, zone: string): string {
  const utcSeconds = Math.floor(instant.getTime() / 1000)
  const offset = Math.round(offsetMinutesAt(zone, instant) * 60)
  const local = utcSeconds + offset
  const days = Math.floor(local / 86_400)
  const secondOfDay = local - days * 86_400
  const [year, month, day] = civilFromDays(days)
  const yearText = year >= 0 && year <= 9999 ? pad(year, 4) : (year < 0 ? '-' : '+') + pad(Math.abs(year), 6)
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  const offsetText = `${sign}${pad(Math.floor(abs / 3600), 2)}:${pad(Math.floor(abs % 3600 / 60), 2)}`
  return `${yearText}-${pad(month, 2)}-${pad(day, 2)}T${pad(Math.floor(secondOfDay / 3600), 2)}:` +
    `${pad(Math.floor(secondOfDay % 3600 / 60), 2)}:${pad(secondOfDay % 60, 2)}${abs % 60 === 0 ? offsetText : `${offsetText}:${pad(abs % 60, 2)}`}`
}

test('formatWithOffset writes what it wrote before, in every kind of zone and year', async (t) => {
  const zones = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham',
    'Europe/Amsterdam', 'Africa/Monrovia', 'America/St_Johns', 'Pacific/Kiritimati', 'Etc/GMT+12', 'Europe/Dublin']
  const instants = [
    Date.UTC(2026, 2, 8, 7, 0, 0), Date.UTC(2026, 10, 1, 5, 30, 0), Date.UTC(1970, 0, 1), Date.UTC(1969, 11, 31, 23, 59, 59),
    Date.UTC(1900, 0, 1), Date.UTC(1850, 5, 1, 12), Date.UTC(1000, 0, 1), Date.UTC(999, 11, 31, 23, 59, 59), -62_167_219_200_000,
    -62_167_219_200_001, Date.UTC(9999, 11, 31, 23, 59, 59), Date.UTC(10000, 0, 1), -8.6e15, 8.6e15, 1_234_567_890_123
  ]
  let seed = 12
  const random = () => { seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31; return seed / 2 ** 31 }
  // More days and times of day than formatWithOffset keeps written (4096 each): its tables start afresh on the way.
  for (let i = 0; i < 600; i++) instants.push(Math.floor((random() * 2 - 1) * 2e13))
  let checked = 0
  for (const zone of zones) {
    for (const ms of instants) {
      const instant = new Date(ms)
      const expected = before(instant, zone)
      if (formatWithOffset(instant, zone) !== expected) t.equal(formatWithOffset(instant, zone), expected, `${zone} ${ms}`)
      checked++
    }
  }
  t.equal(checked, zones.length * instants.length)
  t.equal(formatWithOffset(new Date(Date.UTC(2026, 2, 8, 7, 0, 0)), 'America/New_York'), '2026-03-08T03:00:00-04:00')
  t.equal(formatWithOffset(new Date(Date.UTC(1850, 5, 1, 12)), 'Europe/Amsterdam'), '1850-06-01T12:17:30+00:17:30')
  t.equal(formatWithOffset(new Date(Date.UTC(1850, 5, 1, 12)), 'Africa/Monrovia'), '1850-06-01T11:16:52-00:43:08')
})
