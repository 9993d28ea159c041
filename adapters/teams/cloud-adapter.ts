import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConversationReference,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { TeamsConfig } from '../../src/config/config.js';
import { NaboError } from '../../kernel/errors.js';
import type { Logger } from '../../kernel/logger.js';
import { statusOf } from './retry.js';

/**
 * botbuilder's CloudAdapter with ConfigurationBotFrameworkAuthentication, set up for Nabo:
 * authentication (issuer, audience, expiry, signing key, the token's serviceurl claim, channel
 * endorsement — all checked by botbuilder) runs before anything else and is on whenever an app
 * id is configured. Connector clients come without the HTTP pipeline's own retry policy so that
 * retry.ts alone decides about retries.
 */

type ConnectorFactory = ReturnType<
  ConfigurationBotFrameworkAuthentication['createConnectorFactory']
>;
type ClaimsIdentity = Parameters<
  ConfigurationBotFrameworkAuthentication['createConnectorFactory']
>[0];
type AuthenticateRequestResult = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

/** A request whose token botbuilder refused: answered 401, nothing else happens. */
export class TeamsAuthenticationError extends NaboError {
  constructor(cause: unknown) {
    super('FORBIDDEN', 'Teams request is not authenticated', { cause });
    this.name = 'TeamsAuthenticationError';
  }
}

/** jsonwebtoken's own errors reach us unwrapped for some failures (e.g. a wrong issuer). */
const TOKEN_ERROR_NAMES = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

function isAuthenticationFailure(error: unknown): boolean {
  const status = statusOf(error);
  if (status === 401 || status === 403) return true;
  return error instanceof Error && TOKEN_ERROR_NAMES.has(error.name);
}

/** The name of the retry policy that @azure/core-rest-pipeline adds to every client. */
const PIPELINE_RETRY_POLICY = 'defaultRetryPolicy';

function withoutPipelineRetries(factory: ConnectorFactory, logger: Logger): ConnectorFactory {
  const create = async (serviceUrl: string, audience?: string): Promise<ConnectorClient> => {
    const client = await factory.create(serviceUrl, audience);
    // Reaches into the compat client botbuilder builds on; if its shape ever changes we only
    // lose the guarantee of a single retry layer, never a message, so a warning is enough.
    const pipeline = (
      client as unknown as {
        client?: { pipeline?: { removePolicy(policy: { name: string }): unknown[] } };
      }
    ).client?.pipeline;
    const removed = pipeline?.removePolicy({ name: PIPELINE_RETRY_POLICY }) ?? [];
    if (removed.length === 0) {
      logger.warn('teams connector client kept its own retry policy; retries may be doubled');
    }
    return client;
  };
  // ConnectorFactory is an abstract class whose one member is create().
  return { create } as unknown as ConnectorFactory;
}

class NaboBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    config: TeamsConfig,
    private readonly logger: Logger,
  ) {
    super({
      MicrosoftAppId: config.appId,
      MicrosoftAppPassword: config.appPassword ?? '',
      MicrosoftAppType: config.appType,
      MicrosoftAppTenantId: config.tenantId ?? '',
    });
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    if (result.connectorFactory) {
      result.connectorFactory = withoutPipelineRetries(result.connectorFactory, this.logger);
    }
    return result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return withoutPipelineRetries(super.createConnectorFactory(claimsIdentity), this.logger);
  }
}

export type TurnLogic = (context: TurnContext) => Promise<void>;

export class TeamsCloudAdapter extends CloudAdapter {
  private readonly authentication: NaboBotFrameworkAuthentication;

  constructor(
    private readonly config: TeamsConfig,
    logger: Logger,
  ) {
    const authentication = new NaboBotFrameworkAuthentication(config, logger);
    super(authentication);
    this.authentication = authentication;
  }

  get authenticationEnabled(): boolean {
    return this.config.appId !== '';
  }

  /**
   * Authenticates the request, then runs the turn. Authentication is done here rather than
   * inside CloudAdapter.process so a refused token is told apart from a failing turn (401
   * versus 500) without parsing botbuilder's messages.
   */
  async receive(
    authHeader: string,
    activity: Activity,
    logic: TurnLogic,
  ): Promise<InvokeResponse | undefined> {
    let authenticated: AuthenticateRequestResult;
    try {
      authenticated = await this.authentication.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (isAuthenticationFailure(error)) throw new TeamsAuthenticationError(error);
      throw error;
    }
    return this.processActivity(authenticated, activity, logic);
  }

  /** Runs `logic` in the conversation of `reference`, outside any inbound request. */
  continueWith(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    return this.continueConversationAsync(this.config.appId, reference, logic);
  }

  /** Fetches (or reuses the cached) bot token: proves the app id and password work. */
  async checkCredentials(serviceUrl: string): Promise<void> {
    if (!this.authenticationEnabled) return;
    const factory = this.authentication.createConnectorFactory(
      this.createClaimsIdentity(this.config.appId),
    );
    const client = await factory.create(serviceUrl, undefined);
    const credentials = (
      client as unknown as { credentials?: { getToken?: () => Promise<string> } }
    ).credentials;
    if (typeof credentials?.getToken !== 'function') {
      throw new NaboError('INTERNAL', 'Teams credentials cannot fetch a token');
    }
    await credentials.getToken();
  }
}
