import { evalExpr } from 'mingo/core';
import * as mingoExpressions from 'mingo/operators/expression';
import type { AnyObject, Options } from 'mingo/types';
import { isPlainObject } from './bson-values.js';
import { CommandError, ErrorCode } from './errors.js';
import { soleOperand } from './pipeline-refusals.js';

/**
 * Date expressions where mingo answered otherwise than mongod:
 *   - `$isoWeekYear`: the year the ISO week belongs to (1 January 2027 is in week 53 of 2026);
 *     mingo gave the calendar year.
 *   - `$dateAdd`/`$dateSubtract` by days, weeks, months, quarters or years in a time zone other
 *     than UTC: mongod counts in local time, so across a daylight-saving change a day is 23 or
 *     25 hours; mingo ignored the zone. Refused (NotImplemented) rather than answered in UTC.
 *   - a date that is null or missing gives null: mingo refused it in `$year` and the other
 *     date parts, gave a document of nulls from `$dateToParts`, and added to 1 January 1970 in
 *     `$dateAdd`.
 *   - `$year: ['$at']`, the one-element list form mongod accepts for every date part: mingo
 *     refused it.
 *   - `$dateToParts` lists the parts from the largest down, as mongod does (year, month, day,
 *     hour, …); mingo listed the hour first.
 */

type Expression = (doc: AnyObject, expression: unknown, options: Options) => unknown;

const isNullish = (value: unknown): boolean => value === null || value === undefined;

const DATE_PARTS = [
  '$year',
  '$month',
  '$week',
  '$dayOfYear',
  '$dayOfMonth',
  '$dayOfWeek',
  '$hour',
  '$minute',
  '$second',
  '$millisecond',
  '$isoWeek',
  '$isoDayOfWeek',
  '$dateToParts',
] as const;
type DatePart = (typeof DATE_PARTS)[number];

const mingo = mingoExpressions as unknown as Record<
  DatePart | '$dateAdd' | '$dateSubtract',
  Expression
>;

/** The date a date-part expression reads: `'$at'`, `['$at']` or `{date: '$at', timezone}`. */
function dateOf(doc: AnyObject, expression: unknown, options: Options): unknown {
  const target =
    isPlainObject(expression) && 'date' in expression
      ? expression.date
      : Array.isArray(expression)
        ? expression[0]
        : expression;
  return evalExpr(doc, target, options);
}

function nullForNoDate(part: Expression): Expression {
  return (doc, expression, options) => {
    if (isNullish(dateOf(doc, expression, options))) return null;
    return part(doc, soleOperand(expression), options);
  };
}

const PARTS_IN_ORDER = {
  calendar: ['year', 'month', 'day'],
  iso8601: ['isoWeekYear', 'isoWeek', 'isoDayOfWeek'],
  time: ['hour', 'minute', 'second', 'millisecond'],
} as const;

function dateToPartsInOrder(doc: AnyObject, expression: unknown, options: Options): unknown {
  const parts: unknown = mingo.$dateToParts(doc, expression, options);
  if (!isPlainObject(parts)) return parts;
  const dayParts = 'isoWeek' in parts ? PARTS_IN_ORDER.iso8601 : PARTS_IN_ORDER.calendar;
  return Object.fromEntries(
    [...dayParts, ...PARTS_IN_ORDER.time]
      .filter((name) => name in parts)
      .map((name) => [name, parts[name]]),
  );
}

/** `$year`, `$month`, … and `$dateToParts`, null for a null or missing date. */
export const datePartExpressions = Object.fromEntries(
  DATE_PARTS.map((name) => [
    name,
    nullForNoDate(name === '$dateToParts' ? dateToPartsInOrder : mingo[name]),
  ]),
) as Record<DatePart, Expression>;

function isoWeekYear(doc: AnyObject, expression: unknown, options: Options): unknown {
  const week = mingo.$isoWeek(doc, expression, options);
  const year = mingo.$year(doc, expression, options);
  const month = mingo.$month(doc, expression, options);
  if (typeof week !== 'number' || typeof year !== 'number') return year;
  if (month === 1 && week >= 52) return year - 1;
  if (month === 12 && week === 1) return year + 1;
  return year;
}

export const $isoWeekYearExpression = nullForNoDate(isoWeekYear);

const LOCAL_UNITS = new Set(['day', 'week', 'month', 'quarter', 'year']);
const UTC_NAMES = new Set(['UTC', 'GMT', 'Etc/UTC', 'Etc/GMT', 'Z', '+00:00', '+0000', '+00']);

function refusingLocalCalendar(operator: '$dateAdd' | '$dateSubtract'): Expression {
  return (doc, expression, options) => {
    const args: unknown = evalExpr(doc, expression, options);
    if (!isPlainObject(args) || [args.startDate, args.unit, args.amount].some(isNullish)) {
      return null;
    }
    if (
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
