import type { TurnContext, Activity } from 'botbuilder';
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/logger.js';
import type { InboundPipeline } from '../../src/core/pipeline.js';
import type { TeamsCloudAdapter } from './cloud-adapter.js';
import { interpretActivity } from './inbound.js';
import type { ReferenceBook } from './references.js';

/**
 * One inbound request from Teams. Inside the turn only quick things happen: authentication
 * (botbuilder, before the turn), mapping the activity, remembering its conversation, the
 * pipeline's `accept` (allowed tenant, handled once) and the invoke answer. The pipeline's
 * `process` is returned as `after` and runs once Teams has its 200, so Teams' 15-second limit is
 * never at stake.
 */
export interface ReceiverDeps {
  adapter: TeamsCloudAdapter;
  pipeline: InboundPipeline;
  clock: Clock;
  logger: Logger;
  references: ReferenceBook;
}

export interface BackgroundWork {
  /** Work with the same key runs in order (the conversation key). */
  key: string;
  label: string;
  run(): Promise<void>;
}

export interface ReceiveOutcome {
  status: number;
  body?: unknown;
  after?: BackgroundWork;
}

/** What an Action.Execute gets back at once; the real answer follows as a card update. */
const INVOKE_ACKNOWLEDGEMENT = {
  statusCode: 200,
  type: 'application/vnd.microsoft.activity.message',
  value: '✓',
};

export function createReceiver(deps: ReceiverDeps) {
  async function onTurn(context: TurnContext): Promise<BackgroundWork | undefined> {
    const activity = context.activity;
    const isInvoke = activity.type === 'invoke';
    const interpreted = interpretActivity(activity, { receivedAt: deps.clock.now() });
    if (interpreted.kind === 'ignored') {
      deps.logger.debug(
        { type: activity.type, reason: interpreted.reason },
        'teams activity ignored',
      );
      if (isInvoke) await acknowledgeInvoke(context);
      return undefined;
    }

    const { event, reference } = interpreted;
    // Stored before the acceptance, so the turn can update cards wherever it runs.
    await deps.references.remember(event.conversation.key, reference);
    const acceptance = await deps.pipeline.accept(event);
    if (isInvoke) await acknowledgeInvoke(context);
    if (!acceptance.accepted) return undefined;
    return {
      key: event.conversation.key,
      label: event.kind,
      run: () => deps.pipeline.process(event),
    };
  }

  return {
    /** Throws TeamsAuthenticationError for a refused token; anything else is a server error. */
    async receive(authHeader: string, activity: Activity): Promise<ReceiveOutcome> {
      let after: BackgroundWork | undefined;
      const invokeResponse = await deps.adapter.receive(authHeader, activity, async (context) => {
        after = await onTurn(context);
      });
      return {
        status: invokeResponse?.status ?? 200,
        ...(invokeResponse?.body !== undefined ? { body: invokeResponse.body } : {}),
        ...(after ? { after } : {}),
      };
    },
  };
}

async function acknowledgeInvoke(context: TurnContext): Promise<void> {
  await context.sendActivity({
    type: 'invokeResponse',
    value: { status: 200, body: INVOKE_ACKNOWLEDGEMENT },
  });
}

export type Receiver = ReturnType<typeof createReceiver>;
