import { evalExpr } from 'mingo/core';
import * as mingoExpressions from 'mingo/operators/expression';
import type { AnyObject, Options } from 'mingo/types';
import { isPlainObject } from './bson-values.js';
import { CommandError, ErrorCode } from './errors.js';

/**
 * Date expressions where mingo answered otherwise than mongod:
 *   - `$isoWeekYear`: the year the ISO week belongs to (1 January 2027 is in week 53 of 2026);
 *     mingo gave the calendar year.
 *   - `$dateAdd`/`$dateSubtract` by days, weeks, months, quarters or years in a time zone other
 *     than UTC: mongod counts in local time, so across a daylight-saving change a day is 23 or
 *     25 hours; mingo ignored the zone. Refused (NotImplemented) rather than answered in UTC.
 */

type Expression = (doc: AnyObject, expression: unknown, options: Options) => unknown;
const mingo = mingoExpressions as unknown as Record<
  '$isoWeek' | '$year' | '$month' | '$dateAdd' | '$dateSubtract',
  Expression
>;

export function $isoWeekYearExpression(
  doc: AnyObject,
  expression: unknown,
  options: Options,
): unknown {
  const week = mingo.$isoWeek(doc, expression, options);
  const year = mingo.$year(doc, expression, options);
  const month = mingo.$month(doc, expression, options);
  if (typeof week !== 'number' || typeof year !== 'number') return year;
  if (month === 1 && week >= 52) return year - 1;
  if (month === 12 && week === 1) return year + 1;
  return year;
}

const LOCAL_UNITS = new Set(['day', 'week', 'month', 'quarter', 'year']);
const UTC_NAMES = new Set(['UTC', 'GMT', 'Etc/UTC', 'Etc/GMT', 'Z', '+00:00', '+0000', '+00']);

function refusingLocalCalendar(operator: '$dateAdd' | '$dateSubtract'): Expression {
  return (doc, expression, options) => {
    const args: unknown = evalExpr(doc, expression, options);
    if (
      isPlainObject(args) &&
      typeof args.timezone === 'string' &&
      !UTC_NAMES.has(args.timezone) &&
      LOCAL_UNITS.has(String(args.unit))
    ) {
      throw new CommandError(
        ErrorCode.NotImplemented,
        `${operator} by ${String(args.unit)} in a time zone is not supported by the embedded MongoDB server`,
      );
    }
    return mingo[operator](doc, expression, options);
  };
}

export const $dateAddExpression = refusingLocalCalendar('$dateAdd');
export const $dateSubtractExpression = refusingLocalCalendar('$dateSubtract');
