import {
  canonicalKey,
  isPlainObject,
  numberAs,
  numericType,
  promote,
  type Document,
} from './bson-values.js';

/**
 * Updates run on promoted views (mingo computes with plain numbers); afterwards every number in
 * the result gets its BSON type back the way mongod would have kept or produced it:
 * - a value an operator wrote takes the type the client sent (`$set: {n: Long(5)}` stays int64);
 * - `$inc`/`$mul` widen int → long → double, and an int32 result that overflows becomes a long;
 * - a value nothing touched keeps its stored type.
 */

type HintKind = 'set' | 'arith' | 'minmax' | 'push';

interface Hint {
  readonly path: readonly string[];
  readonly kind: HintKind;
  /** The typed operand: the value set, the increment, or the list of pushed elements. */
  readonly value: unknown;
}

const SET_OPERATORS = new Set(['$set', '$setOnInsert']);
const ARITH_OPERATORS = new Set(['$inc', '$mul', '$bit']);
const MINMAX_OPERATORS = new Set(['$min', '$max']);
const PUSH_OPERATORS = new Set(['$push', '$addToSet']);

function isWildcard(segment: string): boolean {
  return segment === '$' || (segment.startsWith('$[') && segment.endsWith(']'));
}

function pushedValues(argument: unknown): unknown[] {
  if (isPlainObject(argument) && Array.isArray(argument.$each)) return argument.$each;
  return [argument];
}

function valueAtPath(doc: unknown, path: readonly string[]): unknown {
  let current = doc;
  for (const segment of path) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isPlainObject(current)) current = current[segment];
    else return undefined;
  }
  return current;
}

/** Type hints from an operator update as the client sent it (typed values). */
export function hintsFrom(typedSpec: Document, oldTyped: Document | undefined): Hint[] {
  const hints: Hint[] = [];
  for (const [operator, argument] of Object.entries(typedSpec)) {
    if (!isPlainObject(argument)) continue;
    for (const [field, value] of Object.entries(argument)) {
      const path = field.split('.');
      if (SET_OPERATORS.has(operator)) hints.push({ path, kind: 'set', value });
      else if (ARITH_OPERATORS.has(operator)) hints.push({ path, kind: 'arith', value });
      else if (MINMAX_OPERATORS.has(operator)) hints.push({ path, kind: 'minmax', value });
      else if (PUSH_OPERATORS.has(operator)) {
        hints.push({ path, kind: 'push', value: pushedValues(value) });
      } else if (operator === '$rename' && typeof value === 'string') {
        hints.push({ path: value.split('.'), kind: 'set', value: valueAtPath(oldTyped, path) });
      }
    }
  }
  return hints;
}

/** Whether retyping can change anything: wrappers on either side, or arithmetic. */
export function needsRetype(
  oldTyped: Document,
  oldView: Document,
  typedSpec: unknown,
  viewSpec: unknown,
): boolean {
  if (oldTyped !== oldView || typedSpec !== viewSpec) return true;
  if (!isPlainObject(typedSpec)) return false;
  return Object.keys(typedSpec).some(
    (operator) => ARITH_OPERATORS.has(operator) || MINMAX_OPERATORS.has(operator),
  );
}

function sameNumber(a: unknown, b: number): boolean {
  const promoted = promote(a);
  return (
    typeof promoted === 'number' && (promoted === b || (Number.isNaN(promoted) && Number.isNaN(b)))
  );
}

const RANK = { int: 0, long: 1, double: 2, decimal: 3 } as const;

function widen(
  a: 'int' | 'long' | 'double' | 'decimal' | undefined,
  b: 'int' | 'long' | 'double' | 'decimal' | undefined,
): 'int' | 'long' | 'double' {
  const wider = a === undefined ? b : b === undefined ? a : RANK[a] >= RANK[b] ? a : b;
  return wider === 'decimal' || wider === undefined ? 'int' : wider;
}

function hintFor(hints: readonly Hint[], path: readonly string[]): Hint | undefined {
  for (let i = hints.length - 1; i >= 0; i--) {
    const hint = hints[i] as Hint;
    if (hint.path.length !== path.length) continue;
    if (
      hint.path.every(
        (segment, position) =>
          segment === path[position] ||
          (isWildcard(segment) && /^\d+$/.test(path[position] as string)),
      )
    ) {
      return hint;
    }
  }
  return undefined;
}

/** A typed value among `candidates` that promotes to `value`, searching sub-structures too. */
function typedTwin(value: unknown, candidates: readonly unknown[]): unknown {
  for (const candidate of candidates) {
    if (sameShape(value, candidate)) return candidate;
  }
  return undefined;
}

function sameShape(view: unknown, typed: unknown): boolean {
  return typed !== undefined && canonicalKey(view) === canonicalKey(promote(typed));
}

/**
 * Rebuilds `next` (an updated view) with BSON types, from `old` (the typed value that was at the
 * same path) and the operator hints.
 */
export function retype(
  next: unknown,
  old: unknown,
  hints: readonly Hint[],
  path: string[] = [],
): unknown {
  const hint = path.length === 0 ? undefined : hintFor(hints, path);
  if (typeof next === 'number') {
    // A positional path (`a.$.n`, `a.$[x].n`) may not have touched this element: an unchanged
    // value there keeps its stored type.
    if (hint?.path.some(isWildcard) === true && old !== undefined && sameNumber(old, next)) {
      return old;
    }
    if (hint !== undefined) {
      switch (hint.kind) {
        case 'set':
          if (sameNumber(hint.value, next)) return hint.value;
          break;
        case 'minmax':
          if (sameNumber(hint.value, next) && !sameNumber(old, next)) return hint.value;
          break;
        case 'arith': {
          const oldType = old === undefined ? undefined : numericType(old);
          return numberAs(next, widen(oldType, numericType(hint.value)));
        }
        default:
          break;
      }
    }
    if (old !== undefined && sameNumber(old, next)) return old;
    return next;
  }
  if (Array.isArray(next)) {
    const oldArray = Array.isArray(old) ? old : [];
    const setValue = hint?.kind === 'set' ? hint.value : undefined;
    const pushed = hint?.kind === 'push' ? (hint.value as unknown[]) : [];
    const source = Array.isArray(setValue) ? setValue : oldArray;
    return next.map((item: unknown, index) => {
      const childPath = [...path, String(index)];
      const atIndex = source[index];
      const twin =
        atIndex !== undefined && sameShape(item, atIndex)
          ? atIndex
          : typedTwin(item, [...pushed, ...source]);
      return retype(item, twin, hints, childPath);
    });
  }
  if (isPlainObject(next)) {
    const source = hint?.kind === 'set' && isPlainObject(hint.value) ? hint.value : old;
    const typedSource = isPlainObject(source) ? source : undefined;
    let copy: Document | undefined;
    for (const key of Object.keys(next)) {
      const item = next[key];
      const typed = retype(item, typedSource?.[key], hints, [...path, key]);
      if (typed !== item) {
        copy ??= { ...next };
        copy[key] = typed;
      }
    }
    return copy ?? next;
  }
  return next;
}
