import type { Env } from '../config/env.js';
import type { Db } from '../database/pool.js';
import { MailDispatcher, type MailRepositories } from './dispatcher.js';

/**
 * The dispatcher the environment describes, or undefined without SMTP_URL. Links point at PUBLIC_URL (the
 * API's own address when unset, which suits development only); without APP_SECRET mails carry no one-click
 * acknowledge link, because the API could not verify it.
 */
export function mailDispatcherFromEnv(
  env: Env,
  db: Db,
  repositories: MailRepositories,
  logger: Pick<Console, 'info' | 'warn' | 'error'> = console,
): MailDispatcher | undefined {
  if (!env.SMTP_URL) return undefined;
  if (!env.APP_SECRET)
    logger.warn('[mailer] APP_SECRET is not set: mails go out without one-click acknowledge links');
  if (!env.PUBLIC_URL)
    logger.warn(`[mailer] PUBLIC_URL is not set: links in mails point at http://${env.HOST}:${env.PORT}`);
  return new MailDispatcher({
    db,
    repositories,
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM,
    publicUrl: env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`,
    ...(env.APP_SECRET ? { oneClick: { secret: env.APP_SECRET, ttlDays: env.ONE_CLICK_TTL_DAYS } } : {}),
    leaseMs: env.MAIL_LEASE_SECONDS * 1000,
    logger,
  });
}
