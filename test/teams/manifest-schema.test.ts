import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { fillPlaceholders } from '../../adapters/teams/package-app.js';

/**
 * Teams refuses an app package whose manifest does not match the schema it names. Microsoft's
 * schemas ship in the npm package @microsoft/app-manifest (a dev dependency), so the manifest is
 * validated here offline, the same way Microsoft's own tooling validates it (JSON Schema
 * draft-04).
 */
const template = readFileSync(
  resolve(import.meta.dirname, '../../teams-app/manifest.json'),
  'utf8',
);
const schemasDir = join(
  dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json')),
  'build/json-schemas/teams',
);
const SCHEMA_URL =
  /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v(\d+\.\d+)\/MicrosoftTeams\.schema\.json$/;

// Both are CommonJS; under NodeNext what they export is each module's `default` property.
const Ajv = ajvDraft04.default;
const addFormats = ajvFormats.default;

function filledManifest(): Record<string, unknown> {
  return JSON.parse(
    fillPlaceholders(template, {
      MicrosoftAppId: '3f1c7a52-9d4e-4b8a-a1f0-5c2e8d7b6a90',
      NaboWebsiteUrl: 'https://nabo.example.dk',
    }),
  ) as Record<string, unknown>;
}

function schemaErrors(manifest: Record<string, unknown>, version: string): string[] {
  // Microsoft's schema files carry \a and \v escapes that JSON.parse refuses; its tooling
  // rewrites them the same way before parsing.
  const raw = readFileSync(join(schemasDir, `v${version}`, 'MicrosoftTeams.schema.json'), 'utf8')
    .replace(/\\a/g, '\\u0007')
    .replace(/\\v/g, '\\u000b');
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(raw));
  return validate(manifest)
    ? []
    : (validate.errors ?? []).map(
        (error: { instancePath: string; message?: string }) =>
          `${error.instancePath} ${error.message}`,
      );
}

describe('Teams app manifest', () => {
  it('when the package fills in the manifest, then it validates against the schema version it names', () => {
    const manifest = filledManifest();
    const version = SCHEMA_URL.exec(String(manifest.$schema))?.[1];
    expect(version).toBe('1.30');
    expect(manifest.manifestVersion).toBe(version);
    expect(schemaErrors(manifest, version ?? '')).toEqual([]);
  });

  it('when a required field is missing or the bot id is not a GUID, then the schema refuses it', () => {
    // Guards the guard: the validator must be able to say no.
    const withoutDeveloper = filledManifest();
    delete withoutDeveloper.developer;
    expect(schemaErrors(withoutDeveloper, '1.30')).toContain(
      " must have required property 'developer'",
    );

    const badBot = filledManifest();
    (badBot.bots as Array<Record<string, unknown>>)[0]!.botId = 'not-a-guid';
    expect(schemaErrors(badBot, '1.30').some((error) => error.startsWith('/bots/0/botId'))).toBe(
      true,
    );
  });
});
