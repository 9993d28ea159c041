import * as mingoPipeline from 'mingo/operators/pipeline';
import type { Options } from 'mingo/types';

/**
 * Pipeline stages where mingo answered otherwise than mongod:
 *   - `$count` over no documents gives no document in mongod (mingo: `{n: 0}`), so code that
 *     reads `result[0].n` fails there, not here;
 *   - `$group` whose `_id` expression is missing groups under `_id: null` (mingo left `_id` out).
 */

interface Sequence {
  map(transform: (doc: Record<string, unknown>) => unknown): Sequence;
  filter(keep: (doc: Record<string, unknown>) => boolean): Sequence;
}
type Stage = (collection: Sequence, expression: unknown, options: Options) => Sequence;

const mingo = mingoPipeline as unknown as Record<'$count' | '$group', Stage>;

export function $countStage(collection: Sequence, field: unknown, options: Options): Sequence {
  return mingo
    .$count(collection, field, options)
    .filter((counted) => (counted[field as string] as number) > 0);
}

export function $groupStage(collection: Sequence, spec: unknown, options: Options): Sequence {
  return mingo
    .$group(collection, spec, options)
    .map((group) => ('_id' in group ? group : { _id: null, ...group }));
}
