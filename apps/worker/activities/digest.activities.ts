import { withTransaction } from '../../database/pool.js';
import type { DigestActivities } from '../../../workflows/activities.js';
import type { ActivityDeps } from './deps.js';

/** Stores the digest and queues its mail under the digest's key: a retry sends nothing twice. */
export function createDigestActivities({
  db,
  repositories,
}: Pick<ActivityDeps, 'db' | 'repositories'>): DigestActivities {
  const { digests, outbox } = repositories;
  return {
    async sendDigest(content) {
      return withTransaction(db, async (tx) => {
        const recipient = `${content.recipient.kind}:${content.recipient.id}`;
        const recorded = await digests.insert(tx, {
          key: content.key,
          planCode: content.planCode,
          recipient,
          dueAt: content.at,
          content,
        });
        await outbox.enqueue(tx, [
          {
            key: content.key,
            kind: 'digest',
            recipient,
            recipientName: content.recipient.name,
            ...(content.recipient.email ? { recipientEmail: content.recipient.email } : {}),
            dueAt: content.at,
            payload: { ...content },
          },
        ]);
        return { recorded };
      });
    },
  };
}
