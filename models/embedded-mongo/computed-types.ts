import { fieldPath, getPath, isPlainObject, numberAs, numericType } from './bson-values.js';

/**
 * The BSON number type mongod gives a value it computes, which mingo (computing on plain
 * numbers) cannot tell: an int64 plus one is an int64, the average of two int32s a double. Read
 * from the expression and the stored types of the fields it reads; undefined where this does not
 * know (any other expression, a date, a decimal128), and the value stays as mingo computed it.
 */
export type ComputedType = 'int' | 'long' | 'double';

const WIDTH: Record<ComputedType, number> = { int: 0, long: 1, double: 2 };

/** The widest of the operands' types, as `$add`, `$multiply`, `$sum` widen: undefined if any is. */
export function widest(types: ReadonlyArray<ComputedType | undefined>): ComputedType | undefined {
  let result: ComputedType = 'int';
  for (const type of types) {
    if (type === undefined) return undefined;
    if (WIDTH[type] > WIDTH[result]) result = type;
  }
  return result;
}

/** A stored value's type, where it is one arithmetic here keeps apart (not decimal128). */
export function storedType(value: unknown): ComputedType | undefined {
  const type = numericType(value);
  return type === 'decimal' ? undefined : type;
}

const SAME_AS_OPERAND = new Set(['$abs', '$ceil', '$floor', '$trunc', '$round']);
const WIDENING = new Set(['$add', '$subtract', '$multiply']);
const CONVERTS_TO: Record<string, ComputedType> = {
  $toInt: 'int',
  $toLong: 'long',
  $toDouble: 'double',
};

/** The type mongod gives `expression` evaluated on a document whose stored form is `typed`. */
export function computedType(
  expression: unknown,
  typed: Record<string, unknown>,
): ComputedType | undefined {
  if (typeof expression === 'number') return storedType(expression);
  if (typeof expression === 'string') {
    const path = fieldPath(expression);
    return path === undefined ? undefined : storedType(getPath(typed, path));
  }
  if (!isPlainObject(expression)) return undefined;
  const [operator, ...others] = Object.keys(expression);
  if (operator === undefined || others.length > 0) return undefined;
  const operand = expression[operator];
  const operands = Array.isArray(operand) ? operand : [operand];
  if (Object.hasOwn(CONVERTS_TO, operator)) return CONVERTS_TO[operator];
  if (operator === '$divide')
    return widest(operands.map((item) => computedType(item, typed))) && 'double';
  if (WIDENING.has(operator)) return widest(operands.map((item) => computedType(item, typed)));
  // `$round: [x, places]` and `$trunc: [x, places]` keep x's type, as the one-operand forms do.
  if (SAME_AS_OPERAND.has(operator)) return computedType(operands[0], typed);
  return undefined;
}

/** `value` as mongod types a result of `type` (an int32 result that overflows is an int64). */
export function typedResult(value: unknown, type: ComputedType): unknown {
  return typeof value === 'number' ? numberAs(value, type) : value;
}
