import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadEnvironmentFile } from '../../src/config/environment-file.js';
import { isNaboError, NaboError } from '../../kernel/errors.js';
import { colorIcon, outlineIcon } from './app-package/icons.js';
import { createZip } from './app-package/zip.js';

/**
 * `npm run teams:package`: builds the Teams app package (teams-app/nabo-teams.zip) that an admin
 * uploads in Teams: manifest.json with the bot's app id filled in, and the two icons, all at the
 * zip's root. The icons are drawn by app-package/icons.ts unless teams-app/ holds designed ones.
 */

export interface PackageOptions {
  /** The Azure Bot's Microsoft App ID (a GUID): the app id and the bot id in the manifest. */
  appId: string | undefined;
  /** https URL of the programme or organisation; privacy and terms pages hang below it. */
  websiteUrl?: string | undefined;
  /** Folder with manifest.json (and optionally color.png / outline.png); default `teams-app`. */
  appDir?: string;
  /** Default `<appDir>/nabo-teams.zip`. */
  outFile?: string;
}

export interface PackageResult {
  outFile: string;
  entries: string[];
  warnings: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FALLBACK_WEBSITE = 'https://example.org/nabo';

export async function packageTeamsApp(options: PackageOptions): Promise<PackageResult> {
  const appDir = resolve(options.appDir ?? 'teams-app');
  const outFile = resolve(options.outFile ?? join(appDir, 'nabo-teams.zip'));
  const warnings: string[] = [];

  const appId = options.appId?.trim() ?? '';
  if (!GUID.test(appId)) {
    throw new NaboError(
      'CONFIG_INVALID',
      "MicrosoftAppId must be the Azure Bot's app id (a GUID such as 00000000-0000-0000-0000-000000000000)",
      { userFacing: true },
    );
  }
  let websiteUrl = options.websiteUrl?.trim().replace(/\/+$/, '') ?? '';
  if (websiteUrl === '') {
    websiteUrl = FALLBACK_WEBSITE;
    warnings.push(`NABO_WEBSITE_URL is not set; the manifest points to ${FALLBACK_WEBSITE}`);
  } else if (!/^https:\/\/[^\s"{}]+$/.test(websiteUrl)) {
    throw new NaboError('CONFIG_INVALID', 'NABO_WEBSITE_URL must be an https:// URL', {
      userFacing: true,
    });
  }

  const manifest = fillPlaceholders(await readFile(join(appDir, 'manifest.json'), 'utf8'), {
    MicrosoftAppId: appId,
    NaboWebsiteUrl: websiteUrl,
  });
  const entries = [
    { name: 'manifest.json', data: Buffer.from(manifest, 'utf8') },
    { name: 'color.png', data: await iconFile(appDir, 'color.png', colorIcon) },
    { name: 'outline.png', data: await iconFile(appDir, 'outline.png', outlineIcon) },
  ];
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, createZip(entries));
  return { outFile, entries: entries.map((entry) => entry.name), warnings };
}

/** Replaces `{{Name}}`; refuses to build a package with a placeholder left or broken JSON. */
export function fillPlaceholders(template: string, values: Record<string, string>): string {
  const filled = template.replace(
    /\{\{(\w+)\}\}/g,
    (placeholder, name: string) => values[name] ?? placeholder,
  );
  const left = /\{\{(\w+)\}\}/.exec(filled);
  if (left) {
    throw new NaboError('CONFIG_INVALID', `manifest.json has no value for ${left[0]}`, {
      userFacing: true,
    });
  }
  try {
    JSON.parse(filled);
  } catch (error) {
    throw new NaboError('CONFIG_INVALID', 'manifest.json is not valid JSON', {
      cause: error,
      userFacing: true,
    });
  }
  return filled;
}

async function iconFile(appDir: string, name: string, draw: () => Buffer): Promise<Buffer> {
  const path = join(appDir, name);
  return existsSync(path) ? readFile(path) : draw();
}

async function main(): Promise<void> {
  loadEnvironmentFile();
  const result = await packageTeamsApp({
    appId: process.env.MicrosoftAppId,
    websiteUrl: process.env.NABO_WEBSITE_URL,
  });
  for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
  process.stdout.write(
    `Teams app package written to ${result.outFile} (${result.entries.join(', ')})\n`,
  );
}

const runDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (runDirectly) {
  main().catch((error: unknown) => {
    process.stderr.write(`${isNaboError(error) ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
