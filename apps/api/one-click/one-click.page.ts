// The pages behind a one-click link. The person clicked it in an e-mail, so every answer, a refusal too, is a
// small page in both languages rather than JSON.
import type { FastifyReply } from 'fastify';
import { html, type Markup } from '../../reports/render/markup.js';

type Text = { vi: string; en: string };

export type LinkRefusal = 'expired' | 'invalid' | 'used';

export interface OneClickPage {
  status: number;
  html: string;
}

function page(status: number, title: Text, body: Text, form?: Markup): OneClickPage {
  const markup = html`<!doctype html>
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title.vi} — Đôn Đốc</title>
        <style>
          body {
            font-family: system-ui, sans-serif;
            max-width: 36rem;
            margin: 3rem auto;
            padding: 0 1rem;
            line-height: 1.5;
          }
          button {
            font-size: 1.1rem;
            padding: 0.6rem 1.4rem;
          }
          .en {
            color: #555;
          }
        </style>
      </head>
      <body>
        <h1>${title.vi}</h1>
        <p>${body.vi}</p>
        <p class="en" lang="en">${body.en}</p>
        ${form}
      </body>
    </html>`;
  return { status, html: markup.value };
}

/** What GET shows: a button, because mail scanners fetch links and must not acknowledge anything. */
export function confirmationPage(assignmentId: string): OneClickPage {
  return page(
    200,
    { vi: 'Tiếp nhận nhiệm vụ', en: 'Acknowledge the task' },
    {
      vi: `Xác nhận đơn vị đã tiếp nhận nhiệm vụ ${assignmentId}.`,
      en: `Confirm that your unit has received the task ${assignmentId}.`,
    },
    html`<form method="post"><button type="submit">Xác nhận tiếp nhận / Acknowledge</button></form>`,
  );
}

export function acknowledgedPage(assignmentId: string): OneClickPage {
  return page(
    200,
    { vi: 'Đã tiếp nhận', en: 'Acknowledged' },
    {
      vi: `Nhiệm vụ ${assignmentId} đã được ghi nhận là đã tiếp nhận. Cảm ơn.`,
      en: `Task ${assignmentId} is recorded as acknowledged. Thank you.`,
    },
  );
}

const REFUSALS: Record<LinkRefusal, Text> = {
  expired: {
    vi: 'Liên kết đã hết hạn. Vui lòng đăng nhập để tiếp nhận.',
    en: 'The link has expired. Please sign in to acknowledge.',
  },
  invalid: { vi: 'Liên kết không hợp lệ.', en: 'The link is not valid.' },
  used: { vi: 'Liên kết đã được sử dụng.', en: 'The link has already been used.' },
};

export function refusedPage(why: LinkRefusal): OneClickPage {
  return page(
    why === 'invalid' ? 400 : 410,
    { vi: 'Không dùng được liên kết', en: 'Link refused' },
    REFUSALS[why],
  );
}

/** Never cached (the page depends on the link's state); no script may run, the form posts only here. */
export function sendPage(reply: FastifyReply, page: OneClickPage) {
  return reply
    .status(page.status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
    .send(page.html);
}
