import type { Db } from '../../apps/shared/db/pool.js';
import { withTransaction } from '../../apps/shared/db/pool.js';
import { DigestRepository } from '../../apps/shared/repositories/digest.repository.js';
import { OutboxRepository } from '../../apps/shared/repositories/outbox.repository.js';
import type { DigestContent } from '../contracts.js';

export interface DigestActivities {
  sendDigest(content: DigestContent): Promise<{ recorded: boolean }>;
}

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
