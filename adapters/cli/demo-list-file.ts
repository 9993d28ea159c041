import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { EXAMPLE_LIST_FILE_NAME } from '../../src/demo/example-list.js';

/**
 * Puts the demo's list for its month where the README's walk-through imports it from
 * (docs/examples/ in the checkout), or in the temp directory when the checkout cannot be written.
 * Returns the path to type after "importer", relative to the working directory when inside it.
 */
export async function writeDemoList(content: string): Promise<string> {
  let written: string;
  try {
    written = await writeAtomically(
      join(packageRoot(), 'docs', 'examples', EXAMPLE_LIST_FILE_NAME),
      content,
    );
  } catch {
    written = await writeAtomically(join(tmpdir(), 'nabo-demo', EXAMPLE_LIST_FILE_NAME), content);
  }
  const shown = relative(process.cwd(), written);
  return shown.startsWith('..') || isAbsolute(shown) ? written : shown;
}

/** A demo reading the file while another demo writes it sees the old list or the new, never half. */
async function writeAtomically(file: string, content: string): Promise<string> {
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, content, 'utf8');
  await rename(partial, file);
  return file;
}

/** The folder holding package.json: adapters/cli under tsx, dist/adapters/cli when built. */
function packageRoot(): string {
  let folder = import.meta.dirname;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) return process.cwd();
    folder = parent;
  }
  return folder;
}
