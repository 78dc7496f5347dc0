import type { Db } from '../../database/pool.js';
import { withTransaction } from '../../database/pool.js';
import { DigestRepository } from '../../database/repositories/digest.repository.js';
import { OutboxRepository } from '../../database/repositories/outbox.repository.js';
import type { DigestActivities } from '../../../workflows/activities.js';

/** Stores the digest and queues its mail under the digest's key: a retry sends nothing twice. */
export function createDigestActivities(db: Db): DigestActivities {
  const digests = new DigestRepository();
  const outbox = new OutboxRepository();
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
