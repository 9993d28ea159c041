import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { fillPlaceholders, packageTeamsApp } from '../../adapters/teams/package-app.js';

const APP_ID = '3f1c7a52-9d4e-4b8a-a1f0-5c2e8d7b6a90';
const repoManifest = resolve(import.meta.dirname, '../../teams-app/manifest.json');
const folders: string[] = [];

async function appFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'nabo-teams-app-'));
  folders.push(folder);
  await copyFile(repoManifest, join(folder, 'manifest.json'));
  return folder;
}

afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

/** Reads a store-only zip through its central directory, checking every entry's CRC. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let index = 0; index < count; index++) {
    expect(zip.readUInt32LE(offset)).toBe(0x02014b50);
    const method = zip.readUInt16LE(offset + 10);
    const checksum = zip.readUInt32LE(offset + 16);
    const size = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const local = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    expect(method).toBe(0);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataStart, dataStart + size);
    expect(crc32(data) >>> 0).toBe(checksum);
    files.set(name, data);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('Teams app package', () => {
  it('when packaged with an app id, then the zip holds the manifest with that id and both icons at its root', async () => {
    const folder = await appFolder();

    const result = await packageTeamsApp({
      appId: APP_ID,
      websiteUrl: 'https://nabo.example.dk/',
      appDir: folder,
    });

    expect(result.outFile).toBe(join(folder, 'nabo-teams.zip'));
    const files = readZip(await readFile(result.outFile));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '{}');
    expect(manifest).toMatchObject({
      manifestVersion: '1.30',
      id: APP_ID,
      icons: { color: 'color.png', outline: 'outline.png' },
      developer: {
        websiteUrl: 'https://nabo.example.dk',
        privacyUrl: 'https://nabo.example.dk/privatliv',
      },
      bots: [{ botId: APP_ID, scopes: expect.arrayContaining(['personal']) }],
    });
    const personalCommands = manifest.bots[0].commandLists.find((list: { scopes: string[] }) =>
      list.scopes.includes('personal'),
    );
    expect(personalCommands.commands.map((command: { title: string }) => command.title)).toEqual([
      'hjælp',
      'mine besøg',
    ]);
    expect(JSON.stringify(manifest)).not.toContain('{{');
    expect(pngSize(files.get('color.png') ?? Buffer.alloc(0))).toEqual([192, 192]);
    expect(pngSize(files.get('outline.png') ?? Buffer.alloc(0))).toEqual([32, 32]);
  });

  it('when the icons in teams-app are used, then they are valid PNGs of the sizes Teams asks for', async () => {
    const color = await readFile(resolve(import.meta.dirname, '../../teams-app/color.png'));
    const outline = await readFile(resolve(import.meta.dirname, '../../teams-app/outline.png'));
    expect(pngSize(color)).toEqual([192, 192]);
    expect(pngSize(outline)).toEqual([32, 32]);
  });

  it('when the app id is missing or not a GUID, then no package is built', async () => {
    const folder = await appFolder();
    await expect(packageTeamsApp({ appId: undefined, appDir: folder })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
    await expect(packageTeamsApp({ appId: 'nabo', appDir: folder })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
  });

  it('when a placeholder has no value, then packaging refuses', () => {
    expect(() =>
      fillPlaceholders('{"id": "{{MicrosoftAppId}}", "x": "{{Unknown}}"}', {
        MicrosoftAppId: APP_ID,
      }),
    ).toThrow(/\{\{Unknown\}\}/);
  });
});
