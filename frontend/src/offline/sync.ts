import { execute, type GraphQLErrorLike } from '../api/client';
import { graphql } from '../gql';
import { find, queuedFor, remove, update, type QueuedActivity } from './queue';

export const RecordQueuedActivity = graphql(`
  mutation RecordQueuedActivity($input: RecordActivityInput!) {
    recordActivity(input: $input) {
      activity {
        id
      }
    }
  }
`);

/** What happened to one entry on one try. */
export type Outcome = 'sent' | 'refused' | 'unreachable' | 'signedOut';

/** Sends one entry with its idempotency key; the server stores it once whatever the retries. */
export async function sendOne(item: QueuedActivity): Promise<{ outcome: Outcome; error?: string; field?: string }> {
  let errors: readonly GraphQLErrorLike[];
  let sent: boolean;
  try {
    const result = await execute(RecordQueuedActivity, { input: { ...item.input, idempotencyKey: item.key } });
    errors = result.errors;
    sent = Boolean(result.data?.recordActivity.activity?.id);
  } catch (err) {
    // no network, a timeout, a 5xx without a GraphQL answer: left for the next try
    return { outcome: 'unreachable', error: err instanceof Error ? err.message : String(err) };
  }
  if (sent && errors.length === 0) return { outcome: 'sent' };
  const first = errors[0];
  const code = first?.extensions?.code;
  if (code === 'UNAUTHENTICATED') return { outcome: 'signedOut', error: first?.message };
  if (code === 'INTERNAL' || code === 'RATE_LIMITED' || code === 'UNAVAILABLE' || !first)
    return { outcome: 'unreachable', error: first?.message };
  // BAD_USER_INPUT, FORBIDDEN, NOT_FOUND, CONFLICT: sending it again will not change the answer.
  const field = first.extensions?.field;
  return { outcome: 'refused', error: first.message, field: typeof field === 'string' ? field : undefined };
}

async function withLock<T>(fn: () => Promise<T>): Promise<T | undefined> {
  // One tab sends at a time; a second tab asking meanwhile skips this round (the server would
  // store a duplicate once anyway, thanks to the key, but there is no point in racing).
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return fn();
  return locks.request('siso-offline-queue', { ifAvailable: true }, async (lock) => (lock ? fn() : undefined));
}

/**
 * Sends the operator's pending entries, oldest first. Stops at the first one that does not reach
 * the server (offline) or when the session has ended; an entry the server refuses stays in the
 * queue as failed, with the server's reason, until the operator discards it.
 */
export async function flush(operatorId: string): Promise<{ sent: number; left: number }> {
  const result = await withLock(async () => {
    let sent = 0;
    for (const listed of queuedFor(operatorId)) {
      // read it again: the operator may have discarded it while an earlier entry was being sent
      const item = find(listed.key);
      if (!item || item.status === 'failed') continue;
      update(item.key, { status: 'sending', attempts: item.attempts + 1 });
      const { outcome, error, field } = await sendOne(item);
      if (outcome === 'sent') {
        remove(item.key);
        sent++;
        continue;
      }
      if (outcome === 'refused') {
        update(item.key, { status: 'failed', error, errorField: field });
        continue;
      }
      update(item.key, { status: 'pending', error });
      break;
    }
    return sent;
  });
  return { sent: result ?? 0, left: queuedFor(operatorId).filter((a) => a.status !== 'failed').length };
}
