import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '../mongo-errors.js';
import type { ProcessedEventDoc } from '../schemas/processed-event.js';
import type { Clock } from '../../kernel/clock.js';

/** Slack and Teams redeliver events they think were lost; each event id is handled once. */
export interface ProcessedEventRepository {
  /** True the first time the event id is seen (within a day), false for every redelivery. */
  markProcessed(eventId: string): Promise<boolean>;
}

export function createProcessedEventRepository(
  model: Model<ProcessedEventDoc>,
  clock: Clock,
): ProcessedEventRepository {
  return {
    async markProcessed(eventId) {
      try {
        await model.create({ eventId, processedAt: clock.now() });
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },
  };
}
