import type { Activity } from 'botbuilder';
import { z } from 'zod';

/**
 * The shape of the activity fields Nabo reads, checked before botbuilder or the mapping sees
 * them: a field of the wrong type (`attachments` as an object, `text` as a number, no `from`) is
 * a bad request (400), not a crash (500). Fields Nabo does not read pass through unchecked.
 */
const account = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  aadObjectId: z.string().optional(),
});

const entity = z.looseObject({ type: z.string().optional() });

export const activitySchema = z.looseObject({
  type: z.string().min(1),
  id: z.string().optional(),
  name: z.string().optional(),
  action: z.string().optional(),
  serviceUrl: z.string().regex(/^https?:\/\//),
  channelId: z.string(),
  from: account,
  recipient: account.optional(),
  conversation: z.looseObject({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
    isGroup: z.boolean().optional(),
  }),
  channelData: z
    .looseObject({ tenant: z.looseObject({ id: z.string().optional() }).optional() })
    .optional(),
  text: z.string().optional(),
  textFormat: z.string().optional(),
  locale: z.string().optional(),
  replyToId: z.string().optional(),
  attachments: z.array(z.looseObject({ contentType: z.string().optional() })).optional(),
  entities: z.array(entity).optional(),
  membersAdded: z.array(account).optional(),
  membersRemoved: z.array(account).optional(),
});

/** The activity, or undefined when a field Nabo reads has the wrong shape. */
export function asActivity(body: unknown): Activity | undefined {
  const parsed = activitySchema.safeParse(body);
  return parsed.success ? (body as Activity) : undefined;
}
