// One money type (CONTRACT §10): amounts are non-negative with at most 2 fractional digits, quantities positive
// with at most 4; more is refused, never rounded. Arithmetic runs on integers (cents, ten-thousandths) so totals
// are exact and identical whichever database stored the operands; JSON carries amounts as numbers.
import { Type } from 'typebox'

/** numeric(14,2): the largest amount a price or a total can hold. */
export const MAX_MONEY = 999_999_999_999.99
export const MAX_QUANTITY = 1_000_000_000

export const Money = Type.Number({ minimum: 0, maximum: MAX_MONEY, description: 'non-negative amount with at most 2 decimals (more is refused, never rounded)', examples: [80.5] })
export const Quantity = Type.Number({ exclusiveMinimum: 0, maximum: MAX_QUANTITY, description: 'positive, at most 4 decimals (more is refused, never rounded)', examples: [1.5] })

/**
 * How many fractional digits the shortest decimal form of `x` has (what the client wrote, for any JSON number
 * a double holds exactly enough: 0.29 → 2, 1.005 → 3, 1e-7 → 7).
 */
export function fractionDigits (x: number): number {
  const text = String(x)
  const e = text.indexOf('e')
  const mantissa = e < 0 ? text : text.slice(0, e)
  const exponent = e < 0 ? 0 : Number(text.slice(e + 1))
  const dot = mantissa.indexOf('.')
  const digits = dot < 0 ? 0 : mantissa.length - dot - 1
  return Math.max(0, digits - exponent)
}

/** Whole cents of an amount with at most 2 fractional digits (exact: the scaled double is within 1e-4 of an integer). */
export function toCents (amount: number): number {
  return Math.round(amount * 100)
}

/** A quantity in ten-thousandths. */
export function toTenThousandths (quantity: number): number {
  return Math.round(quantity * 10_000)
}

export function fromCents (cents: number | bigint): number {
  return Number(cents) / 100
}

/**
 * `flat_price` when set, else Σ unit_price × quantity, as an amount in whole cents: the exact product sum (cents
 * × ten-thousandths, in BigInt) rounded half up to the cent once, at the end.
 */
export function totalOf (flatPrice: number | null, lineItems: ReadonlyArray<{ unitPrice: number, quantity: number }>): number {
  if (flatPrice !== null) return flatPrice
  let sum = 0n
  for (const item of lineItems) sum += BigInt(toCents(item.unitPrice)) * BigInt(toTenThousandths(item.quantity))
  return fromCents((sum + 5_000n) / 10_000n)
}
