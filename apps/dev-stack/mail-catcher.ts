// A local SMTP server for development: every message sent to it is kept as an .eml file instead of
// delivered, so reminders and digests can be read without a relay. Uses smtp-server and postal-mime, which
// are development dependencies: production code must not import this module.
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

export interface CaughtMessage {
  /** The .eml file the message was written to. */
  file: string;
  subject: string;
  /** Envelope recipients (RCPT TO). */
  recipients: string[];
  from: string;
  messageId: string | undefined;
}

export interface MailCatcherOptions {
  /** 0 picks a free port. */
  port: number;
  /** Where the .eml files go (created if missing). */
  dir: string;
  onMessage?: (message: CaughtMessage) => void;
}

export interface RunningMailCatcher {
  port: number;
  /** What SMTP_URL should be set to. */
  url: string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export async function startMailCatcher(options: MailCatcherOptions): Promise<RunningMailCatcher> {
  mkdirSync(options.dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    // Plain SMTP on loopback: no STARTTLS (the client would refuse the self-signed certificate), any login.
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    authOptional: true,
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'dev' }),
    size: MAX_MESSAGE_BYTES,
    logger: false,
    banner: 'Đôn Đốc mail catcher (development)',
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (err: Error) => callback(err));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('.', '');
        const file = join(options.dir, `${stamp}-${++count}.eml`);
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        void (async () => {
          await writeFile(file, raw);
          if (options.onMessage) {
            const parsed = await PostalMime.parse(raw).catch(() => undefined);
            try {
              options.onMessage({
                file,
                subject: parsed?.subject ?? '',
                recipients,
                from,
                messageId: parsed?.messageId,
              });
            } catch {
              // The message is kept whatever the listener does.
            }
          }
        })().then(
          () => callback(),
          (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Errors of single connections (a client hanging up) must not end the catcher.
  server.on('error', () => {});
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
