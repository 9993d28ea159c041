import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';

function configError(environment: NodeJS.ProcessEnv): string {
  try {
    loadConfig(environment);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('when nothing is set, then the documented defaults apply and no platform starts', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      environment: 'development',
      port: 3000,
      mongodbUri: undefined,
      redisUrl: 'redis://127.0.0.1:6379',
      timeZone: 'Europe/Copenhagen',
      locale: 'da',
      logLevel: 'info',
      slack: undefined,
      teams: undefined,
    });
  });

  it('when production has no MONGODB_URI, then start-up stops with one line naming it', () => {
    const message = configError({ NODE_ENV: 'production' });
    expect(message).toBe(
      'Configuration error: MONGODB_URI is required in production (the embedded server is for development only)',
    );
    expect(message).not.toContain('\n');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ MONGODB_URI: 'postgres://x' }, 'MONGODB_URI'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ NABO_TIMEZONE: 'Europe/Kobenhavn' }, 'NABO_TIMEZONE'],
    [{ NABO_LOCALE: 'sv' }, 'NABO_LOCALE'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SLACK_BOT_TOKEN: 'abc' }, 'SLACK_BOT_TOKEN'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET'],
    [{ SLACK_SIGNING_SECRET: 's' }, 'SLACK_BOT_TOKEN'],
    [{ MicrosoftAppId: 'id' }, 'MicrosoftAppPassword'],
    [
      { MicrosoftAppId: 'id', MicrosoftAppPassword: 'p', MicrosoftAppType: 'Single' },
      'MicrosoftAppType',
    ],
    [
      { MicrosoftAppId: 'id', MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' },
      'MicrosoftAppTenantId',
    ],
    // SingleTenant is the default, so a bot without a type needs its tenant too.
    [{ MicrosoftAppId: 'id', MicrosoftAppPassword: 'p' }, 'MicrosoftAppTenantId'],
  ])('when %o is given, then the error names %s', (environment, variable) => {
    expect(configError(environment)).toMatch(new RegExp(`^Configuration error: ${variable} `));
  });

  it('when Slack and Teams credentials are given, then both platforms are configured', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://db.example:27017/nabo',
      SLACK_BOT_TOKEN: 'xoxb-123',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: 'http://127.0.0.1:9999/api/',
      MicrosoftAppId: 'app',
      MicrosoftAppPassword: 'pw',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 'tenant',
      PORT: '8080',
      NABO_LOCALE: 'en',
    });
    expect(config.slack).toEqual({
      botToken: 'xoxb-123',
      signingSecret: 'secret',
      appToken: undefined,
      apiUrl: 'http://127.0.0.1:9999/api/',
    });
    expect(config.teams).toEqual({
      appId: 'app',
      appPassword: 'pw',
      appType: 'SingleTenant',
      tenantId: 'tenant',
      allowedTenants: ['tenant'],
    });
    expect(config.port).toBe(8080);
    expect(config.locale).toBe('en');
  });

  it('when a variable is set but empty, then it counts as absent', () => {
    expect(loadConfig({ MONGODB_URI: '', SLACK_BOT_TOKEN: '  ' })).toMatchObject({
      mongodbUri: undefined,
      slack: undefined,
    });
  });
});

describe('Teams without authentication', () => {
  it('when NABO_TEAMS_LOCAL is true in development, then Teams starts with an empty app id (authentication off)', () => {
    expect(loadConfig({ NABO_TEAMS_LOCAL: 'true' }).teams).toEqual({
      appId: '',
      appPassword: undefined,
      appType: 'MultiTenant',
      tenantId: undefined,
    });
  });

  it('when NABO_TEAMS_LOCAL is true in production, then start-up is refused', () => {
    expect(() =>
      loadConfig({
        NABO_TEAMS_LOCAL: 'true',
        NODE_ENV: 'production',
        MONGODB_URI: 'mongodb://h/db',
      }),
    ).toThrow(/^Configuration error: NABO_TEAMS_LOCAL /);
  });
});

describe('who may use Nabo', () => {
  it('when workspace and tenant lists are set, then only those are allowed', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      NABO_SLACK_WORKSPACE_IDS: 'T01, T02',
      MicrosoftAppId: 'app',
      MicrosoftAppPassword: 'pw',
      MicrosoftAppTenantId: 'home-tenant',
      NABO_TEAMS_TENANT_IDS: 'tenant-a',
    });
    expect(config.slack?.allowedWorkspaces).toEqual(['T01', 'T02']);
    expect(config.teams?.allowedTenants).toEqual(['tenant-a']);
  });

  it('when a single-tenant bot has no list, then only its own tenant is allowed', () => {
    const config = loadConfig({
      MicrosoftAppId: 'app',
      MicrosoftAppPassword: 'pw',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 'home-tenant',
    });
    expect(config.teams?.allowedTenants).toEqual(['home-tenant']);
  });
});

describe('a fixed "now" for tests and the demo (NABO_NOW)', () => {
  it('when NABO_NOW names a local time, then the clock starts then in the estate time zone', () => {
    expect(loadConfig({ NABO_NOW: '2026-12-31T12:00' }).now?.toISOString()).toBe(
      '2026-12-31T11:00:00.000Z',
    );
    expect(loadConfig({ NABO_NOW: '2027-03-28T00:45:00Z' }).now?.toISOString()).toBe(
      '2027-03-28T00:45:00.000Z',
    );
    expect(loadConfig({}).now).toBeUndefined();
  });

  it('when NABO_NOW is not a date, then start-up stops with one line naming it', () => {
    expect(configError({ NABO_NOW: 'tomorrow' })).toBe(
      'Configuration error: NABO_NOW must be a date and time such as 2026-12-31T12:00:00+01:00',
    );
  });

  it('when NABO_NOW is set in production, then start-up is refused', () => {
    const message = configError({
      NABO_NOW: '2026-12-31T12:00',
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://h/db',
    });
    expect(message).toBe(
      'Configuration error: NABO_NOW fixes the clock for tests and the demo and is refused in production',
    );
  });
});

describe('Teams bot registration type', () => {
  it('when MicrosoftAppType is not set, then the bot is SingleTenant and serves only its own tenant', () => {
    const config = loadConfig({
      MicrosoftAppId: 'app',
      MicrosoftAppPassword: 'pw',
      MicrosoftAppTenantId: 'home-tenant',
    });
    expect(config.teams).toMatchObject({
      appType: 'SingleTenant',
      tenantId: 'home-tenant',
      allowedTenants: ['home-tenant'],
    });
  });

  it('when MicrosoftAppTenantId is missing for the default type, then the error says how to keep a multi-tenant registration', () => {
    expect(configError({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' })).toBe(
      'Configuration error: MicrosoftAppTenantId is required for a SingleTenant bot (the default); an existing multi-tenant registration sets MicrosoftAppType=MultiTenant',
    );
  });

  it('when an existing registration sets MultiTenant, then no tenant id is needed and any tenant is served unless a list says otherwise', () => {
    const config = loadConfig({
      MicrosoftAppId: 'app',
      MicrosoftAppPassword: 'pw',
      MicrosoftAppType: 'MultiTenant',
    });
    expect(config.teams).toMatchObject({
      appType: 'MultiTenant',
      tenantId: undefined,
      allowedTenants: undefined,
    });
  });
});

describe('Slack installs in several workspaces (OAuth)', () => {
  const key = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
  const oauth = {
    SLACK_CLIENT_ID: '1111.2222',
    SLACK_CLIENT_SECRET: 'client-secret',
    SLACK_STATE_SECRET: 'state-secret',
    SLACK_TOKEN_ENCRYPTION_KEY: key,
    SLACK_SIGNING_SECRET: 'signing',
  };

  it('when the client id, secret, state secret and key are set without a bot token, then Slack runs in OAuth mode', () => {
    const config = loadConfig({ ...oauth, NABO_SLACK_WORKSPACE_IDS: 'T01' });
    expect(config.slack).toMatchObject({
      botToken: undefined,
      allowedWorkspaces: ['T01'],
      oauth: { clientId: '1111.2222', clientSecret: 'client-secret', stateSecret: 'state-secret' },
    });
    expect(config.slack?.oauth?.tokenEncryptionKey).toEqual(Buffer.from(key, 'hex'));
    // The same key as base64, as `openssl rand -base64 32` prints it.
    const base64 = Buffer.from(key, 'hex').toString('base64');
    expect(
      loadConfig({ ...oauth, SLACK_TOKEN_ENCRYPTION_KEY: base64 }).slack?.oauth?.tokenEncryptionKey,
    ).toEqual(Buffer.from(key, 'hex'));
  });

  it.each([
    [{ ...oauth, SLACK_STATE_SECRET: '' }, 'SLACK_STATE_SECRET'],
    [{ ...oauth, SLACK_CLIENT_SECRET: undefined }, 'SLACK_CLIENT_SECRET'],
    [{ ...oauth, SLACK_TOKEN_ENCRYPTION_KEY: '' }, 'SLACK_TOKEN_ENCRYPTION_KEY'],
    [{ ...oauth, SLACK_TOKEN_ENCRYPTION_KEY: 'too-short' }, 'SLACK_TOKEN_ENCRYPTION_KEY'],
    [{ ...oauth, SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_BOT_TOKEN'],
    [{ ...oauth, SLACK_SIGNING_SECRET: '' }, 'SLACK_SIGNING_SECRET'],
  ])('when %o is given, then the error names %s', (environment, variable) => {
    expect(configError(environment)).toMatch(new RegExp(`^Configuration error: ${variable} `));
  });
});
