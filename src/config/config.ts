import { IANAZone } from 'luxon';
import { z } from 'zod';
import { parseNow } from '../../kernel/clock.js';
import { NaboError } from '../../kernel/errors.js';
import { parseAllowList } from '../privacy/where-data-may-appear.js';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE } from '../../kernel/constants.js';
import { parseSecretKey } from '../../models/secret-box.js';

/**
 * The whole configuration, read once at start-up from the environment (and `.env`, loaded by
 * the entry points). Every variable is documented in `.env.example`. A bad value stops start-up
 * with one line naming the variable, because a coordinator's IT helper reads that line, not a
 * stack trace.
 */
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce
      .number({ error: 'must be a port number' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 65535')
      .max(65535, 'must be between 0 and 65535')
      .default(3000),
    MONGODB_URI: optionalText.pipe(
      z
        .string()
        .regex(/^mongodb(\+srv)?:\/\/.+/, 'must start with mongodb:// or mongodb+srv://')
        .optional(),
    ),
    REDIS_URL: z
      .string()
      .trim()
      .regex(/^rediss?:\/\/.+/, 'must start with redis:// or rediss://')
      .default('redis://127.0.0.1:6379'),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_BOT_TOKEN: optionalText.pipe(
      z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-').optional(),
    ),
    SLACK_APP_TOKEN: optionalText.pipe(
      z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional(),
    ),
    SLACK_API_URL: optionalText.pipe(
      z.url({ error: 'must be a URL such as https://slack.com/api/' }).optional(),
    ),
    SLACK_CLIENT_ID: optionalText,
    SLACK_CLIENT_SECRET: optionalText,
    SLACK_STATE_SECRET: optionalText,
    SLACK_TOKEN_ENCRYPTION_KEY: optionalText.pipe(
      z
        .string()
        .refine(
          (text) => parseSecretKey(text) !== undefined,
          'must be 32 random bytes as 64 hex digits or base64 (openssl rand -base64 32)',
        )
        .optional(),
    ),
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: optionalText.pipe(
      z
        .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
          error: 'must be MultiTenant, SingleTenant or UserAssignedMSI',
        })
        .optional(),
    ),
    MicrosoftAppTenantId: optionalText,
    NABO_SLACK_WORKSPACE_IDS: optionalText,
    NABO_TEAMS_TENANT_IDS: optionalText,
    NABO_TEAMS_LOCAL: z
      .enum(['true', 'false', ''], { error: 'must be true or false' })
      .default('false')
      .transform((value) => value === 'true'),
    NABO_TIMEZONE: z
      .string()
      .trim()
      .default(DEFAULT_TIME_ZONE)
      .refine(
        (zone) => IANAZone.isValidZone(zone),
        'must be an IANA time zone such as Europe/Copenhagen',
      ),
    NABO_LOCALE: z.enum(['da', 'en'], { error: 'must be da or en' }).default(DEFAULT_LOCALE),
    NABO_NOW: optionalText,
    NABO_TEST_TURN_DELAY_MS: optionalText.pipe(
      z
        .string()
        .regex(/^\d+$/, 'must be a whole number of milliseconds')
        .transform(Number)
        .optional(),
    ),
    NABO_ALLOW_EMBEDDED_MONGODB: z
      .enum(['1', '0', ''], { error: 'must be 1 or 0' })
      .default('0')
      .transform((value) => value === '1'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
  })
  .superRefine((env, context) => {
    const problem = (path: string, message: string): void => {
      context.addIssue({ code: 'custom', path: [path], message });
    };
    if (env.NODE_ENV === 'production' && !env.MONGODB_URI) {
      problem(
        'MONGODB_URI',
        'is required in production (the embedded server is for development only)',
      );
    }
    if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      problem(
        'SLACK_SIGNING_SECRET',
        'is required when SLACK_BOT_TOKEN is set without SLACK_APP_TOKEN',
      );
    }
    // OAuth installs (several workspaces) or one bot token (one workspace): never both.
    const oauth = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
    const oauthSet = oauth.filter((name) => env[name] !== undefined);
    if (oauthSet.length > 0) {
      for (const name of oauth) {
        if (env[name] === undefined) {
          problem(
            name,
            `is required for Slack installs in several workspaces (${oauth.join(', ')})`,
          );
        }
      }
      if (env.SLACK_BOT_TOKEN) {
        problem(
          'SLACK_BOT_TOKEN',
          'must be empty when SLACK_CLIENT_ID is set: each workspace gets its token when it installs Nabo',
        );
      }
      if (!env.SLACK_TOKEN_ENCRYPTION_KEY) {
        problem(
          'SLACK_TOKEN_ENCRYPTION_KEY',
          'is required with SLACK_CLIENT_ID: the workspaces’ tokens are stored encrypted with it',
        );
      }
      if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
        problem(
          'SLACK_SIGNING_SECRET',
          'is required when SLACK_CLIENT_ID is set without SLACK_APP_TOKEN',
        );
      }
    } else if ((env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN) && !env.SLACK_BOT_TOKEN) {
      problem(
        'SLACK_BOT_TOKEN',
        'is required when Slack is configured (or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET for installs in several workspaces)',
      );
    }
    if (
      env.MicrosoftAppId &&
      env.MicrosoftAppType !== 'UserAssignedMSI' &&
      !env.MicrosoftAppPassword
    ) {
      problem('MicrosoftAppPassword', 'is required when MicrosoftAppId is set');
    }
    if (env.NABO_TEAMS_LOCAL && env.NODE_ENV === 'production') {
      problem('NABO_TEAMS_LOCAL', 'turns Teams authentication off and is refused in production');
    }
    if (env.NABO_TEAMS_LOCAL && env.MicrosoftAppId) {
      problem(
        'NABO_TEAMS_LOCAL',
        'cannot be combined with MicrosoftAppId (authentication would be off)',
      );
    }
    if (env.NABO_NOW !== undefined) {
      if (env.NODE_ENV === 'production') {
        problem('NABO_NOW', 'fixes the clock for tests and the demo and is refused in production');
      } else if (!parseNow(env.NABO_NOW, env.NABO_TIMEZONE)) {
        problem('NABO_NOW', 'must be a date and time such as 2026-12-31T12:00:00+01:00');
      }
    }
    if (env.NABO_TEST_TURN_DELAY_MS !== undefined && env.NODE_ENV === 'production') {
      problem(
        'NABO_TEST_TURN_DELAY_MS',
        'delays every turn for crash tests and is refused in production',
      );
    }
    if (env.MicrosoftAppId && teamsAppType(env) === 'SingleTenant' && !env.MicrosoftAppTenantId) {
      problem(
        'MicrosoftAppTenantId',
        'is required for a SingleTenant bot (the default); an existing multi-tenant registration sets MicrosoftAppType=MultiTenant',
      );
    }
  });

/**
 * Azure has created only single-tenant bot registrations (or managed identities) since July
 * 2025, so SingleTenant is the default; MultiTenant remains for registrations made before.
 */
function teamsAppType(env: {
  MicrosoftAppType?: TeamsConfig['appType'] | undefined;
}): TeamsConfig['appType'] {
  return env.MicrosoftAppType ?? 'SingleTenant';
}

export interface SlackConfig {
  /** One workspace: its bot token. Absent in OAuth mode, where each installation has its own. */
  botToken?: string | undefined;
  /** Installs in several workspaces through Slack's OAuth flow (/slack/install). */
  oauth?: SlackOAuthConfig | undefined;
  /** Workspaces (team ids) allowed to use Nabo; undefined: any workspace the app is installed in. */
  allowedWorkspaces?: string[] | undefined;
  signingSecret: string | undefined;
  appToken: string | undefined;
  apiUrl: string | undefined;
}

export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the OAuth state parameter (CSRF protection of the install flow). */
  stateSecret: string;
  /** 32 bytes: the installations' tokens are sealed with it (AES-256-GCM) before MongoDB. */
  tokenEncryptionKey: Buffer;
}

export interface TeamsConfig {
  appId: string;
  /** Tenants allowed to use Nabo; undefined: any (MultiTenant without a list, or local use). */
  allowedTenants?: string[] | undefined;
  appPassword: string | undefined;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId: string | undefined;
}

export interface Config {
  environment: 'development' | 'production' | 'test';
  port: number;
  /** Absent in development: the demo then starts the embedded MongoDB server in-process. */
  mongodbUri: string | undefined;
  redisUrl: string;
  /** Present only when the platform's credentials are: a platform without them is not started. */
  slack: SlackConfig | undefined;
  teams: TeamsConfig | undefined;
  timeZone: string;
  locale: 'da' | 'en';
  logLevel: string;
  /** Where the process's clock starts (NABO_NOW; tests and the demo only), else undefined. */
  now: Date | undefined;
  /** Tests only (NABO_TEST_TURN_DELAY_MS): the pause between acknowledgement and turn. */
  testTurnDelayMs: number | undefined;
  /** NABO_ALLOW_EMBEDDED_MONGODB=1: production may run against the embedded, in-memory server. */
  allowEmbeddedMongo: boolean;
}

/** Reads and validates the configuration; throws a CONFIG_INVALID NaboError with one clear line. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue?.path.join('.') || 'configuration';
    throw new NaboError(
      'CONFIG_INVALID',
      `Configuration error: ${variable} ${issue?.message ?? 'is invalid'}`,
      {
        userFacing: true,
      },
    );
  }
  const env = parsed.data;
  return {
    environment: env.NODE_ENV,
    port: env.PORT,
    mongodbUri: env.MONGODB_URI,
    redisUrl: env.REDIS_URL,
    slack:
      env.SLACK_BOT_TOKEN || env.SLACK_CLIENT_ID
        ? {
            botToken: env.SLACK_BOT_TOKEN,
            oauth: slackOAuthConfig(env),
            allowedWorkspaces: parseAllowList(env.NABO_SLACK_WORKSPACE_IDS),
            signingSecret: env.SLACK_SIGNING_SECRET,
            appToken: env.SLACK_APP_TOKEN,
            apiUrl: env.SLACK_API_URL,
          }
        : undefined,
    teams: env.NABO_TEAMS_LOCAL
      ? // Local use with the Bot Framework Emulator: an empty app id turns authentication off.
        {
          appId: '',
          allowedTenants: parseAllowList(env.NABO_TEAMS_TENANT_IDS),
          appPassword: undefined,
          appType: 'MultiTenant',
          tenantId: undefined,
        }
      : env.MicrosoftAppId !== undefined
        ? {
            appId: env.MicrosoftAppId,
            // A single-tenant bot serves its own tenant unless a list says otherwise.
            allowedTenants:
              parseAllowList(env.NABO_TEAMS_TENANT_IDS) ??
              (teamsAppType(env) === 'SingleTenant' && env.MicrosoftAppTenantId
                ? [env.MicrosoftAppTenantId]
                : undefined),
            appPassword: env.MicrosoftAppPassword,
            appType: teamsAppType(env),
            tenantId: env.MicrosoftAppTenantId,
          }
        : undefined,
    timeZone: env.NABO_TIMEZONE,
    locale: env.NABO_LOCALE,
    logLevel: env.LOG_LEVEL,
    now: env.NABO_NOW === undefined ? undefined : parseNow(env.NABO_NOW, env.NABO_TIMEZONE),
    testTurnDelayMs: env.NABO_TEST_TURN_DELAY_MS,
    allowEmbeddedMongo: env.NABO_ALLOW_EMBEDDED_MONGODB,
  };
}

function slackOAuthConfig(env: {
  SLACK_CLIENT_ID?: string | undefined;
  SLACK_CLIENT_SECRET?: string | undefined;
  SLACK_STATE_SECRET?: string | undefined;
  SLACK_TOKEN_ENCRYPTION_KEY?: string | undefined;
}): SlackOAuthConfig | undefined {
  const key = env.SLACK_TOKEN_ENCRYPTION_KEY && parseSecretKey(env.SLACK_TOKEN_ENCRYPTION_KEY);
  if (!env.SLACK_CLIENT_ID || !env.SLACK_CLIENT_SECRET || !env.SLACK_STATE_SECRET || !key) {
    return undefined;
  }
  return {
    clientId: env.SLACK_CLIENT_ID,
    clientSecret: env.SLACK_CLIENT_SECRET,
    stateSecret: env.SLACK_STATE_SECRET,
    tokenEncryptionKey: key,
  };
}

/** Where development tools look for MongoDB when MONGODB_URI is not set: a local `nabo dev-db`. */
export const DEFAULT_DEVELOPMENT_MONGODB_URI = 'mongodb://127.0.0.1:27017/nabo';

export function databaseUri(config: Config): string {
  return config.mongodbUri ?? DEFAULT_DEVELOPMENT_MONGODB_URI;
}

/** Production runs only against a real MongoDB, unless NABO_ALLOW_EMBEDDED_MONGODB=1 says otherwise. */
export function refusesEmbeddedMongo(config: Config): boolean {
  return config.environment === 'production' && !config.allowEmbeddedMongo;
}
