import { randomBytes } from 'node:crypto';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mongoInstallationStore } from '../../adapters/slack/installations.js';
import { installedWorkspaces } from '../../adapters/slack/workspaces.js';
import { createLogger } from '../../kernel/logger.js';
import { createSecretBox } from '../../models/database.js';
import { useTestDatabase } from '../support/database.js';

/**
 * The web process takes installs; the worker sends. Each holds its own client per workspace, so
 * the worker learns of a reinstall only when Slack rejects the token it holds. Slack is nock;
 * the installations are the real MongoDB store.
 */
const db = useTestDatabase();
const OLD = `xoxb-old-${randomBytes(6).toString('hex')}`;
const NEW = `xoxb-new-${randomBytes(6).toString('hex')}`;
const revoked = new Set<string>();
const usedTokens: string[] = [];

const installation = (token: string) => ({
  team: { id: 'T1' },
  enterprise: undefined,
  isEnterpriseInstall: false,
  user: { token: undefined, scopes: undefined, id: 'U0ADMIN' },
  bot: { token, scopes: ['chat:write'], id: 'B1', userId: 'U0BOT' },
  authVersion: 'v2' as const,
});

beforeAll(() => {
  nock('https://slack.com')
    .persist()
    .post('/api/chat.postMessage')
    .reply((request: Request) => {
      const token = (request.headers.get('authorization') ?? '').replace(/^Bearer /, '');
      usedTokens.push(token === OLD ? 'old' : token === NEW ? 'new' : 'other');
      return [
        200,
        revoked.has(token) ? { ok: false, error: 'token_revoked' } : { ok: true, ts: '1.1' },
      ];
    });
});
afterAll(() => {
  nock.cleanAll();
});

describe('a workspace’s token in a process that did not take the install', () => {
  it('when the workspace was reinstalled with a new token, then the next send is made again with the new one; after an uninstall, it is not installed', async () => {
    const store = mongoInstallationStore(
      db().slackInstallations.sealedWith(createSecretBox(randomBytes(32))),
    );
    await store.storeInstallation(installation(OLD));
    const worker = installedWorkspaces({
      store,
      apiUrl: undefined,
      logger: createLogger({ level: 'silent' }),
    });
    const post = async () =>
      (await worker.api('T1')).call('chat.postMessage', { channel: 'D1', text: 'Hej' });

    expect(await post()).toMatchObject({ ok: true });
    expect(usedTokens).toEqual(['old']);

    // Elsewhere: the workspace reinstalls, Slack revokes the old token.
    await store.storeInstallation(installation(NEW));
    revoked.add(OLD);
    expect(await post()).toMatchObject({ ok: true });
    expect(usedTokens).toEqual(['old', 'old', 'new']);

    // Elsewhere: the app is uninstalled.
    await store.deleteInstallation?.({
      teamId: 'T1',
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    revoked.add(NEW);
    await expect(post()).rejects.toMatchObject({ slackError: 'not_installed' });
    expect(usedTokens).toEqual(['old', 'old', 'new', 'new']);
  });
});
