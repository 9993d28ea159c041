import type { Decimal128 } from 'bson';
import { CommandError, ErrorCode } from './errors.js';

/**
 * Decimal128 as far as the embedded server can be right about it. Queries run on JavaScript
 * numbers (mingo), and mongod compares a decimal with an int or a double by exact value. So a
 * decimal that some double equals exactly (1.5, 2.0, 1E+3, -0, NaN) is that number in the query
 * view, and compares, sorts and is indexed as mongod does; any other (0.1, 1.1, 34 digits) would
 * compare wrongly, and is refused (NotImplemented) wherever a query would have to look at it.
 * Still different: a value a pipeline computes from decimals (`$sum`, `$add`, `$max`) comes out
 * as a double with the right value, where mongod keeps it a decimal; a decimal a stage only
 * passes on stays one (stages.ts).
 */
export function decimalAsNumber(value: Decimal128): number {
  const text = value.toString();
  const number = Number(text);
  if (!Number.isFinite(number) || equalsExactly(text, number)) return number;
  throw new CommandError(
    ErrorCode.NotImplemented,
    `decimal128 ${text} (no double holds it exactly) is not supported by the embedded MongoDB server`,
  );
}

/** `text` (a decimal in Decimal128's notation) and `number` are the same value, to the last digit. */
function equalsExactly(text: string, number: number): boolean {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:E([+-]?\d+))?$/i.exec(text);
  if (!match) return false;
  const [, sign = '', whole = '0', fraction = '', exponent = '0'] = match;
  // text = coefficient × 10^power; number = mantissa × 2^binaryPower (exactly, as stored).
  let left = BigInt(`${sign}${whole}${fraction}`);
  const power = Number(exponent) - fraction.length;
  const { mantissa, binaryPower } = binaryParts(number);
  let right = mantissa;
  if (power >= 0) left *= 10n ** BigInt(power);
  else right *= 10n ** BigInt(-power);
  if (binaryPower >= 0) right *= 2n ** BigInt(binaryPower);
  else left *= 2n ** BigInt(-binaryPower);
  return left === right;
}

function binaryParts(number: number): { mantissa: bigint; binaryPower: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, number);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n === 1n ? -1n : 1n;
  const biasedExponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xf_ffff_ffff_ffffn;
  if (biasedExponent === 0) return { mantissa: sign * fraction, binaryPower: -1074 };
  return { mantissa: sign * (fraction | (1n << 52n)), binaryPower: biasedExponent - 1075 };
}
