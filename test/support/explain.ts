import type { Collection, Db, Document, Filter, FindOptions } from 'mongodb';

/**
 * What a query cost, read from mongod's `explain` (`executionStats` verbosity). Works the same
 * against the embedded server and a real MongoDB (MONGODB_URI), so a test can assert that the
 * application's queries are index-backed: `docsExamined` close to `returned`.
 */
export interface QueryCost {
  /** Documents the query produced. */
  readonly returned: number;
  /** Documents fetched and tested against the filter (`totalDocsExamined`). */
  readonly docsExamined: number;
  /** Index entries read (`totalKeysExamined`). */
  readonly keysExamined: number;
  /** The index the winning plan reads (`_id_` for an `_id` lookup); undefined for a scan. */
  readonly index: string | undefined;
  /** The plan sorts in memory instead of reading an index in order. */
  readonly inMemorySort: boolean;
}

/** Fields the driver adds to every command that `explain` must not carry inside. */
const ENVELOPE_FIELDS = new Set([
  'lsid',
  '$db',
  '$clusterTime',
  'txnNumber',
  'autocommit',
  'startTransaction',
  '$readPreference',
  'readConcern',
  'writeConcern',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
]);

function stagesOf(plan: unknown): Document[] {
  if (plan === null || typeof plan !== 'object') return [];
  const stage = plan as Document;
  // MongoDB 7+ with the slot-based engine nests the classic tree under `queryPlan`.
  const own = typeof stage.stage === 'string' ? [stage] : [];
  const children = [stage.queryPlan, stage.inputStage, ...((stage.inputStages as unknown[]) ?? [])];
  return [...own, ...children.flatMap(stagesOf)];
}

/** Reads the counters from an explain reply of any shape (find, count, aggregate `stages`). */
export function queryCost(explained: Document): QueryCost {
  const cursorStage = (explained.stages as Document[] | undefined)?.[0]?.$cursor as
    Document | undefined;
  const source = explained.executionStats !== undefined ? explained : (cursorStage ?? explained);
  const stats = source.executionStats as Document | undefined;
  if (stats === undefined) {
    throw new Error(
      `explain reply has no executionStats: ${JSON.stringify(explained).slice(0, 300)}`,
    );
  }
  const stages = stagesOf((source.queryPlanner as Document | undefined)?.winningPlan);
  const indexStage = stages.find((stage) => typeof stage.indexName === 'string');
  const idLookup = stages.some((stage) => /IDHACK/.test(String(stage.stage)));
  return {
    returned: Number(stats.nReturned),
    docsExamined: Number(stats.totalDocsExamined),
    keysExamined: Number(stats.totalKeysExamined),
    index: (indexStage?.indexName as string | undefined) ?? (idLookup ? '_id_' : undefined),
    inMemorySort: stages.some((stage) => stage.stage === 'SORT'),
  };
}

/** What one `$lookup` stage read, from mongod's per-stage explain counters. */
export interface LookupCost {
  readonly docsExamined: number;
  readonly keysExamined: number;
  /** Foreign collections read whole (no index answered the join). */
  readonly collectionScans: number;
  readonly indexesUsed: string[];
}

/** The counters of every `$lookup` stage of an aggregate's explain (executionStats), in order. */
export function lookupCosts(explained: Document): LookupCost[] {
  const stages = (explained.stages as Document[] | undefined) ?? [];
  return stages
    .filter((stage) => stage.$lookup !== undefined)
    .map((stage) => ({
      docsExamined: Number(stage.totalDocsExamined),
      keysExamined: Number(stage.totalKeysExamined),
      collectionScans: Number(stage.collectionScans),
      indexesUsed: (stage.indexesUsed as string[] | undefined) ?? [],
    }));
}

/** Explains `collection.aggregate(pipeline)` at executionStats verbosity. */
export async function explainAggregate<T extends Document>(
  collection: Collection<T>,
  pipeline: Document[],
): Promise<Document> {
  return collection.aggregate(pipeline).explain('executionStats');
}

/** Explains `collection.find(filter, options)`. */
export async function explainFind<T extends Document>(
  collection: Collection<T>,
  filter: Filter<T>,
  options: FindOptions = {},
): Promise<QueryCost> {
  return queryCost(await collection.find(filter, options).explain('executionStats'));
}

/**
 * Explains a command as it was sent (e.g. one recorded by the command counter): find, aggregate,
 * count, distinct, or the query part of findAndModify/update/delete (nothing is written).
 */
export async function explainCommand(db: Db, command: Document): Promise<QueryCost> {
  const inner: Document = {};
  for (const [field, value] of Object.entries(command)) {
    if (!ENVELOPE_FIELDS.has(field)) inner[field] = value;
  }
  const name = Object.keys(inner)[0];
  if (name === 'aggregate' && inner.cursor === undefined) inner.cursor = {};
  return queryCost(await db.command({ explain: inner, verbosity: 'executionStats' }));
}

/**
 * Fails (throws) when a query examined clearly more documents than it returned, which means it
 * is not answered from an index: at most `returned + slack` documents may be examined.
 */
export function assertExaminesAboutWhatItReturns(cost: QueryCost, slack = 1, what = 'query'): void {
  if (cost.docsExamined > cost.returned + slack) {
    throw new Error(
      `${what} examined ${cost.docsExamined} documents to return ${cost.returned} ` +
        `(index: ${cost.index ?? 'none, collection scan'})`,
    );
  }
}
