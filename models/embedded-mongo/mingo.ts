import { Aggregator } from 'mingo/aggregator';
import { Context } from 'mingo/core';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import { $addToSetAccumulator, $pushAccumulator } from './accumulators.js';
import {
  $addExpression,
  $divideExpression,
  $inExpression,
  $modExpression,
  $sizeExpression,
  $switchExpression,
  numberConversionExpressions,
  refuseMalformedStages,
} from './pipeline-refusals.js';
import {
  $dateAddExpression,
  $dateSubtractExpression,
  $isoWeekYearExpression,
  datePartExpressions,
} from './dates.js';
import { $elemMatchProjection } from './projection.js';
import {
  $addFieldsStage,
  $bucketAutoStage,
  $bucketStage,
  $countStage,
  $facetStage,
  $groupStage,
  $lookupStage,
  $projectStage,
  $replaceRootStage,
  $replaceWithStage,
  $unsetStage,
  $unwindStage,
} from './stages.js';
import { $isNumberExpression, $typeExpression, $typeQuery } from './bson-type.js';
import type { Document } from './bson-values.js';
import {
  $cmpExpression,
  $eqExpression,
  $gtExpression,
  $gteExpression,
  $gtQuery,
  $gteQuery,
  $ltExpression,
  $lteExpression,
  $ltQuery,
  $lteQuery,
  $neExpression,
} from './comparison.js';
import { $eqQuery, $existsQuery, $inQuery, $neQuery, $ninQuery } from './equality.js';
import {
  $allQuery,
  $andQuery,
  $bitsAllClearQuery,
  $bitsAllSetQuery,
  $bitsAnyClearQuery,
  $bitsAnySetQuery,
  $elemMatchQuery,
  $modQuery,
  $norQuery,
  $notQuery,
  $orQuery,
  $sizeQuery,
  refuseMalformedRegex,
} from './query-refusals.js';

type Operators = NonNullable<Parameters<typeof Context.init>[0]>;

/**
 * The operators every query and pipeline here is compiled with: mingo's own, as its entry point
 * registers them, except where mongod answers otherwise: equality (equality.ts), `$type` and
 * `$isNumber` (bson-type.ts), and malformed `$and`/`$or`/`$nor`/`$mod` (query-refusals.ts).
 * Given as the context, mingo copies them per query as it copies its own table, so this costs
 * nothing more.
 */
const operators = Context.init({
  accumulator: {
    ...accumulatorOperators,
    $push: $pushAccumulator,
    $addToSet: $addToSetAccumulator,
  },
  expression: {
    ...expressionOperators,
    ...datePartExpressions,
    ...numberConversionExpressions,
    $type: $typeExpression,
    $isNumber: $isNumberExpression,
    $eq: $eqExpression,
    $ne: $neExpression,
    $gt: $gtExpression,
    $gte: $gteExpression,
    $lt: $ltExpression,
    $lte: $lteExpression,
    $cmp: $cmpExpression,
    $size: $sizeExpression,
    $mod: $modExpression,
    $add: $addExpression,
    $divide: $divideExpression,
    $in: $inExpression,
    $switch: $switchExpression,
    $isoWeekYear: $isoWeekYearExpression,
    $dateAdd: $dateAddExpression,
    $dateSubtract: $dateSubtractExpression,
  },
  pipeline: {
    ...pipelineOperators,
    $count: $countStage,
    $group: $groupStage,
    $project: $projectStage,
    $addFields: $addFieldsStage,
    $set: $addFieldsStage,
    $unset: $unsetStage,
    $bucket: $bucketStage,
    $bucketAuto: $bucketAutoStage,
    $unwind: $unwindStage,
    $replaceRoot: $replaceRootStage,
    $replaceWith: $replaceWithStage,
    $lookup: $lookupStage,
    $facet: $facetStage,
  },
  projection: { ...projectionOperators, $elemMatch: $elemMatchProjection },
  query: {
    ...queryOperators,
    $eq: $eqQuery,
    $ne: $neQuery,
    $in: $inQuery,
    $nin: $ninQuery,
    $exists: $existsQuery,
    $gt: $gtQuery,
    $gte: $gteQuery,
    $lt: $ltQuery,
    $lte: $lteQuery,
    $and: $andQuery,
    $or: $orQuery,
    $nor: $norQuery,
    $mod: $modQuery,
    $size: $sizeQuery,
    $all: $allQuery,
    $elemMatch: $elemMatchQuery,
    $not: $notQuery,
    $bitsAllClear: $bitsAllClearQuery,
    $bitsAllSet: $bitsAllSetQuery,
    $bitsAnyClear: $bitsAnyClearQuery,
    $bitsAnySet: $bitsAnySetQuery,
    $type: $typeQuery,
  },
  window: windowOperators,
} as unknown as Operators);

/** A compiled filter; `variables` are what `$expr` may reference as `$$name`. */
export function compileQuery(filter: Document, variables?: Document): Query {
  refuseMalformedRegex(filter);
  return new Query(filter, {
    context: operators,
    ...(variables === undefined ? {} : { variables }),
  });
}

export function compileAggregation(
  pipeline: Document[],
  options: Pick<Partial<Options>, 'variables' | 'collectionResolver'> = {},
): Aggregator {
  refuseMalformedStages(pipeline);
  return new Aggregator(pipeline, { ...options, context: operators });
}
