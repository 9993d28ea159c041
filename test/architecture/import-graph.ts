import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * Nabo's modules and the imports between them, read with the TypeScript parser, so that the
 * boundary test can follow imports through other files and tell what loads at run time (a value
 * import) from what the compiler erases (`import type`).
 */
export interface ImportEdge {
  /** As written: './turn.js', 'mongoose'. */
  specifier: string;
  /** A repository-relative source file ('src/core/bot.ts'), or the package name ('mongoose'). */
  target: string;
  /** `import type …`, `export type …`, or only `type` names: erased, nothing loads. */
  typeOnly: boolean;
}

export type ImportGraph = Map<string, ImportEdge[]>;

/** Every import and re-export of one file: static, dynamic (`import('…')`) and `require`. */
export function readImports(code: string): Array<{ specifier: string; typeOnly: boolean }> {
  const source = ts.createSourceFile('file.ts', code, ts.ScriptTarget.Latest, true);
  const found: Array<{ specifier: string; typeOnly: boolean }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: isTypeOnlyImport(node) });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: isTypeOnlyExport(node) });
    } else if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const [argument] = node.arguments;
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if ((isDynamicImport || isRequire) && argument && ts.isStringLiteral(argument)) {
        found.push({ specifier: argument.text, typeOnly: false });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import './side-effect.js'` loads the module
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return (
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((element) => element.isTypeOnly)
  );
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return (
    clause !== undefined &&
    ts.isNamedExports(clause) &&
    clause.elements.length > 0 &&
    clause.elements.every((element) => element.isTypeOnly)
  );
}

/** The source file a relative specifier names ('./turn.js' → 'src/core/turn.ts'). */
function resolveRelative(root: string, fromFile: string, specifier: string): string {
  const absolute = resolve(root, dirname(fromFile), specifier);
  const candidates = [
    absolute.replace(/\.js$/, '.ts'),
    absolute,
    `${absolute}.ts`,
    join(absolute, 'index.ts'),
  ];
  const found = candidates.find(
    (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
  );
  return relative(root, found ?? absolute);
}

/** 'mongoose/types' → 'mongoose', '@slack/bolt/dist/x' → '@slack/bolt'. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function sourceFiles(root: string, folder: string): string[] {
  const absolute = join(root, folder);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute).flatMap((entry) => {
    const path = join(absolute, entry);
    if (statSync(path).isDirectory()) return sourceFiles(root, relative(root, path));
    return /\.(ts|mts|cts)$/.test(entry) && !entry.endsWith('.d.ts') ? [relative(root, path)] : [];
  });
}

export function buildImportGraph(root: string, folders: readonly string[]): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of folders.flatMap((folder) => sourceFiles(root, folder))) {
    const edges = readImports(readFileSync(join(root, file), 'utf8')).map(
      ({ specifier, typeOnly }) => ({
        specifier,
        typeOnly,
        target: specifier.startsWith('.')
          ? resolveRelative(root, file, specifier)
          : packageOf(specifier),
      }),
    );
    graph.set(file, edges);
  }
  return graph;
}

/**
 * For every file under `from`, the shortest import chain to a target that `isForbidden`, if any
 * ("src/a.ts → models/b.ts → mongoose"). `runtimeOnly` follows only imports that load code.
 */
export function forbiddenReach(
  graph: ImportGraph,
  from: string,
  isForbidden: (target: string) => boolean,
  options: { runtimeOnly?: boolean } = {},
): string[] {
  const chains: string[] = [];
  for (const start of graph.keys()) {
    if (!start.startsWith(from)) continue;
    const seen = new Set([start]);
    const queue: string[][] = [[start]];
    search: while (queue.length > 0) {
      const path = queue.shift() ?? [];
      const current = path[path.length - 1] ?? '';
      for (const edge of graph.get(current) ?? []) {
        if (options.runtimeOnly && edge.typeOnly) continue;
        if (isForbidden(edge.target)) {
          chains.push([...path, edge.target].join(' → '));
          break search;
        }
        if (graph.has(edge.target) && !seen.has(edge.target)) {
          seen.add(edge.target);
          queue.push([...path, edge.target]);
        }
      }
    }
  }
  return chains;
}

/** Groups of files that import each other, directly or in a ring (Tarjan's algorithm). */
export function importCycles(graph: ImportGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const lowest = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];

  const connect = (file: string): void => {
    index.set(file, counter);
    lowest.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    for (const { target } of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        connect(target);
        lowest.set(file, Math.min(lowest.get(file) ?? 0, lowest.get(target) ?? 0));
      } else if (onStack.has(target)) {
        lowest.set(file, Math.min(lowest.get(file) ?? 0, index.get(target) ?? 0));
      }
    }
    if (lowest.get(file) === index.get(file)) {
      const group: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        group.push(member);
      } while (member !== file);
      const importsItself = (graph.get(file) ?? []).some((edge) => edge.target === file);
      if (group.length > 1 || importsItself) cycles.push(group.sort());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) connect(file);
  return cycles;
}
