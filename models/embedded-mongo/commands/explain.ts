import { isPlainObject, type Document } from '../bson-values.js';
import { CommandError, ErrorCode } from '../errors.js';
import type { LookupStats } from '../lookup.js';
import { describeBounds } from '../planner.js';
import {
  newQueryStats,
  optionalDocument,
  optionalNumber,
  queryStored,
  type FindSpec,
  type QueryStats,
} from '../query-engine.js';
import {
  collectionArgument,
  documentArray,
  type CommandContext,
  type CommandHandler,
} from './context.js';
import { SERVER_VERSION } from './handshake.js';
import {
  countMatches,
  distinctValues,
  findSpecOf,
  pushDown,
  readCommands,
  runAggregation,
} from './read.js';

const VERBOSITIES = new Set(['queryPlanner', 'executionStats', 'allPlansExecution']);

/** mongod's plan stage tree for what the query engine did, with execution counters. */
function stageTree(stats: QueryStats, spec: FindSpec, withCounters: boolean): Document {
  const plan = stats.plan;
  const counters = (extra: Document): Document =>
    withCounters ? { nReturned: stats.nReturned, ...extra } : {};
  const filter =
    spec.filter !== undefined && Object.keys(spec.filter).length > 0 ? { filter: spec.filter } : {};
  let stage: Document;
  if (plan === undefined) {
    stage = { stage: 'EOF', ...counters({}) };
  } else if (plan.kind === 'idhack') {
    stage = {
      stage: 'IDHACK',
      ...counters({ keysExamined: stats.keysExamined, docsExamined: stats.docsExamined }),
    };
  } else if (plan.kind === 'collscan') {
    stage = {
      stage: 'COLLSCAN',
      ...filter,
      direction: plan.reverse ? 'backward' : 'forward',
      ...counters({ docsExamined: stats.docsExamined }),
    };
  } else {
    const { index } = plan;
    stage = {
      stage: 'FETCH',
      ...filter,
      ...counters({ docsExamined: stats.docsExamined }),
      inputStage: {
        stage: 'IXSCAN',
        keyPattern: index.keyPattern,
        indexName: index.name,
        isMultiKey: index.multikey,
        isUnique: index.unique,
        isSparse: index.sparse,
        isPartial: index.partialFilterExpression !== undefined,
        indexVersion: 2,
        direction: plan.reverse ? 'backward' : 'forward',
        indexBounds: describeBounds(plan),
        ...counters({ keysExamined: stats.keysExamined }),
      },
    };
  }
  if (stats.inMemorySort && spec.sort !== undefined) {
    stage = {
      stage: 'SORT',
      sortPattern: spec.sort,
      type: 'simple',
      ...counters({}),
      inputStage: stage,
    };
  }
  if ((spec.skip ?? 0) > 0)
    stage = { stage: 'SKIP', skipAmount: spec.skip, ...counters({}), inputStage: stage };
  if ((spec.limit ?? 0) > 0)
    stage = { stage: 'LIMIT', limitAmount: spec.limit, ...counters({}), inputStage: stage };
  return stage;
}

function planSections(
  ns: string,
  stats: QueryStats,
  spec: FindSpec,
  verbosity: string,
  wrap: (stage: Document) => Document = (stage) => stage,
): Document {
  const sections: Document = {
    queryPlanner: {
      namespace: ns,
      indexFilterSet: false,
      parsedQuery: spec.filter ?? {},
      maxIndexedOrSolutionsReached: false,
      maxIndexedAndSolutionsReached: false,
      maxScansToExplodeReached: false,
      winningPlan: wrap(stageTree(stats, spec, false)),
      rejectedPlans: [],
    },
  };
  if (verbosity !== 'queryPlanner') {
    sections.executionStats = {
      executionSuccess: true,
      nReturned: stats.nReturned,
      executionTimeMillis: 0,
      totalKeysExamined: stats.keysExamined,
      totalDocsExamined: stats.docsExamined,
      executionStages: wrap(stageTree(stats, spec, true)),
      ...(verbosity === 'allPlansExecution' ? { allPlansExecution: [] } : {}),
    };
  }
  return sections;
}

/** Explains the query part of a write statement without writing anything. */
function explainWriteQuery(
  ns: string,
  spec: FindSpec,
  context: CommandContext,
  name: string,
  verbosity: string,
  stageName: string,
): Document {
  const stats = newQueryStats();
  queryStored(context.storage.getCollection(context.database, name), spec, stats);
  return planSections(ns, stats, spec, verbosity, (stage) => ({
    stage: stageName,
    inputStage: stage,
  }));
}

function explainCommand(command: Document, context: CommandContext, verbosity: string): Document {
  const commandName = Object.keys(command)[0];
  const { storage, database } = context;
  switch (commandName) {
    case 'find': {
      const name = collectionArgument(command, 'find');
      const spec = findSpecOf(command);
      const stats = newQueryStats();
      queryStored(storage.getCollection(database, name), spec, stats);
      return planSections(`${database}.${name}`, stats, spec, verbosity);
    }
    case 'count': {
      const name = collectionArgument(command, 'count');
      const stats = newQueryStats();
      countMatches(storage.getCollection(database, name), command, stats);
      const spec: FindSpec = { filter: optionalDocument(command, 'query') };
      return planSections(`${database}.${name}`, stats, spec, verbosity, (stage) => ({
        stage: 'COUNT',
        inputStage: stage,
      }));
    }
    case 'distinct': {
      const name = collectionArgument(command, 'distinct');
      const stats = newQueryStats();
      distinctValues(storage.getCollection(database, name), command, stats);
      const spec: FindSpec = { filter: optionalDocument(command, 'query') };
      return planSections(`${database}.${name}`, stats, spec, verbosity, (stage) => ({
        stage: 'PROJECTION_DEFAULT',
        inputStage: stage,
      }));
    }
    case 'aggregate': {
      const target = command.aggregate;
      if (typeof target !== 'string') {
        return { stages: [], note: 'aggregate: 1 reads no collection' };
      }
      const pipeline = documentArray(command, 'pipeline');
      const stats = newQueryStats();
      const lookups: LookupStats[] = [];
      runAggregation(command, context, stats, lookups);
      const { spec, rest } = pushDown(pipeline);
      const cursor = planSections(`${database}.${target}`, stats, spec, verbosity);
      if (rest.length === 0) return cursor;
      let lookupIndex = 0;
      const stages = rest.map((stage) => {
        if (!('$lookup' in stage) || verbosity === 'queryPlanner') return stage;
        const lookup = lookups[lookupIndex++];
        if (lookup === undefined) return stage;
        // mongod's per-stage counters for $lookup (executionStats and above).
        return {
          ...stage,
          totalDocsExamined: lookup.docsExamined,
          totalKeysExamined: lookup.keysExamined,
          collectionScans: lookup.collectionScans,
          indexesUsed: [...lookup.indexesUsed],
          ...(lookup.nReturned === undefined ? {} : { nReturned: lookup.nReturned }),
        };
      });
      return { stages: [{ $cursor: cursor }, ...stages] };
    }
    case 'findAndModify':
    case 'findandmodify': {
      const name = collectionArgument(command, commandName);
      const spec: FindSpec = {
        filter: optionalDocument(command, 'query'),
        sort: optionalDocument(command, 'sort'),
        limit: 1,
      };
      const stageName = command.remove === true ? 'DELETE' : 'UPDATE';
      return explainWriteQuery(`${database}.${name}`, spec, context, name, verbosity, stageName);
    }
    case 'update': {
      const name = collectionArgument(command, 'update');
      const [statement] = documentArray(command, 'updates');
      if (statement === undefined)
        throw new CommandError(ErrorCode.FailedToParse, 'no update statement');
      const spec: FindSpec = {
        filter: optionalDocument(statement, 'q'),
        sort: optionalDocument(statement, 'sort'),
        limit: statement.multi === true ? 0 : 1,
      };
      return explainWriteQuery(`${database}.${name}`, spec, context, name, verbosity, 'UPDATE');
    }
    case 'delete': {
      const name = collectionArgument(command, 'delete');
      const [statement] = documentArray(command, 'deletes');
      if (statement === undefined)
        throw new CommandError(ErrorCode.FailedToParse, 'no delete statement');
      const spec: FindSpec = {
        filter: optionalDocument(statement, 'q'),
        limit: optionalNumber(statement, 'limit') ?? 0,
      };
      return explainWriteQuery(`${database}.${name}`, spec, context, name, verbosity, 'DELETE');
    }
    default:
      throw new CommandError(
        ErrorCode.CommandNotFound,
        `Explain failed due to unknown command: ${commandName ?? ''}`,
      );
  }
}

/** The explain envelope mongod 7.0 answers with. */
export function explainReply(
  command: Document,
  context: CommandContext,
  verbosity: string,
): Document {
  if (!VERBOSITIES.has(verbosity)) {
    throw new CommandError(
      ErrorCode.FailedToParse,
      `verbosity string must be one of {'queryPlanner', 'executionStats', 'allPlansExecution'}`,
    );
  }
  return {
    explainVersion: '1',
    ...explainCommand(command, context, verbosity),
    command: { ...command, $db: context.database },
    serverInfo: { host: 'embedded', port: 0, version: SERVER_VERSION, gitVersion: 'embedded' },
    ok: 1,
  };
}

/**
 * `explain`: how a read (or the query part of a write) would run and, from `executionStats` on,
 * what it cost (`totalDocsExamined`, `totalKeysExamined`), as mongod reports it.
 */
const explain: CommandHandler = (body, context) => {
  const command = body.explain;
  if (!isPlainObject(command)) {
    throw new CommandError(
      ErrorCode.TypeMismatch,
      "BSON field 'explain' is the wrong type, expected type 'object'",
    );
  }
  const verbosity = typeof body.verbosity === 'string' ? body.verbosity : 'allPlansExecution';
  return explainReply(command, context, verbosity);
};

/** `aggregate` with `explain: true`, the older way drivers ask (queryPlanner verbosity). */
const aggregate: CommandHandler = (body, context) => {
  if (body.explain !== true) return (readCommands.aggregate as CommandHandler)(body, context);
  const { explain: _explain, ...command } = body;
  return explainReply(command, context, 'queryPlanner');
};

export const explainCommands: Record<string, CommandHandler> = { explain, aggregate };
