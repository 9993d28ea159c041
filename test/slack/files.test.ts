import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadSharedFile, downloadSlackFile } from '../../adapters/slack/files.js';
import { mapDirectMessage, type MapperContext } from '../../adapters/slack/inbound.js';
import { directMessage } from './support/payloads.js';

const options = { token: 'xoxb-files', extraHosts: [], maxBytes: 1024 };

afterEach(() => {
  nock.cleanAll();
});

describe('files shared in a DM', () => {
  it('when a file is shared, then the core gets a file event whose download uses the bot token', async () => {
    const scope = nock('https://files.slack.com', {
      reqheaders: { authorization: 'Bearer xoxb-files' },
    })
      .get('/files-pri/T1-F1/note.txt')
      .reply(200, 'hej');
    const context: MapperContext = {
      now: () => new Date('2026-11-27T09:00:00Z'),
      nowMs: () => 0,
      openDirectChannel: async () => 'D1',
    };
    const mapped = mapDirectMessage(
      directMessage('U1', '', {
        subtype: 'file_share',
        files: [
          {
            id: 'F1',
            name: 'note.txt',
            mimetype: 'text/plain',
            size: 3,
            url_private: 'https://files.slack.com/files-pri/T1-F1/note.txt',
          },
        ],
      }),
      context,
    );

    expect(mapped.kind).toBe('event');
    if (mapped.kind !== 'event' || mapped.event.kind !== 'file')
      throw new Error('expected a file event');
    expect(mapped.event.file).toMatchObject({
      name: 'note.txt',
      mimeType: 'text/plain',
      sizeBytes: 3,
    });
    // The event holds the file as data; the adapter fetches it when the core asks.
    expect(JSON.parse(JSON.stringify(mapped.event.file))).toEqual(mapped.event.file);
    await expect(downloadSharedFile(mapped.event.file, options)).resolves.toEqual(
      Buffer.from('hej'),
    );
    expect(scope.isDone()).toBe(true);
  });

  it('when the file is larger than the limit, then the download stops and says so', async () => {
    nock('https://files.slack.com').get('/big').reply(200, Buffer.alloc(4096, 1));
    await expect(
      downloadSlackFile('https://files.slack.com/big', undefined, options),
    ).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    await expect(
      downloadSlackFile('https://files.slack.com/big', 4096, options),
    ).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });

  it('when the file URL is not on a Slack host, then the token is never sent', async () => {
    await expect(downloadSlackFile('https://evil.example/steal', 3, options)).rejects.toMatchObject(
      { code: 'FORBIDDEN' },
    );
    await expect(downloadSlackFile('http://files.slack.com/x', 3, options)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
