// The pages behind a one-click link. The person clicked it in an e-mail, so every answer, a refusal too, is a
// small page (in Vietnamese, like the mail) rather than JSON. Each names the task, the unit and the deadline, and
// a link that was already used says when the task was acknowledged and by whom.
import type { FastifyReply } from 'fastify';
import { formatDateTime, formatDeadline, formatTimeLeft } from '../../presentation/index.js';
import { html, type Markup } from '../../reports/render/markup.js';

/** invalid: malformed (400); unknown: well formed but forged, or its row is gone (404). */
export type LinkRefusal = 'expired' | 'invalid' | 'unknown' | 'used';

export interface OneClickPage {
  status: number;
  html: string;
}

/** The assignment behind a link, as the page shows it. */
export interface LinkedTask {
  id: string;
  title: string;
  unitName: string;
  dueAt: string | null;
  status: string;
  acknowledgedAt: string | null;
  /** The login that acknowledged, or 'one-click-link' for a link in an e-mail. */
  acknowledgedBy: string | null;
  acknowledgedByName: string | null;
}

function page(
  status: number,
  title: string,
  body: Markup,
  task?: LinkedTask,
  now = new Date(),
  form?: Markup,
): OneClickPage {
  const details = task
    ? html`<table>
        <tr>
          <th>Nhiệm vụ</th>
          <td><strong>${task.title}</strong></td>
        </tr>
        <tr>
          <th>Đơn vị thực hiện</th>
          <td>${task.unitName}</td>
        </tr>
        ${
          task.dueAt
            ? html`<tr>
                <th>Thời hạn</th>
                <td>
                  ${formatDeadline(task.dueAt)}${
                    task.status === 'done' || task.status === 'cancelled'
                      ? ''
                      : html` <span class="left"
                          >(${formatTimeLeft(task.dueAt, now).toLocaleLowerCase('vi')})</span
                        >`
                  }
                </td>
              </tr>`
            : ''
        }
      </table>`
    : '';
  const open = task
    ? html`<p class="open">
        <a href="/assignments/${encodeURIComponent(task.id)}">Mở nhiệm vụ trên Đôn Đốc</a>
      </p>`
    : '';
  const markup = html`<!doctype html>
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} — Đôn Đốc</title>
        <style>
          body {
            font-family: system-ui, sans-serif;
            max-width: 36rem;
            margin: 3rem auto;
            padding: 0 1rem;
            line-height: 1.5;
            color: #1f2328;
          }
          .brand {
            font-size: 0.85rem;
            color: #5b6470;
          }
          h1 {
            font-size: 1.5rem;
            margin: 0.3rem 0 1rem;
          }
          table {
            border-collapse: collapse;
            margin: 1rem 0;
          }
          th {
            text-align: left;
            font-weight: normal;
            color: #5b6470;
            padding: 0.2rem 1rem 0.2rem 0;
            vertical-align: top;
            white-space: nowrap;
          }
          td {
            padding: 0.2rem 0;
          }
          .left {
            color: #5b6470;
          }
          button {
            font-size: 1.1rem;
            padding: 0.6rem 1.4rem;
            background: #0b5cad;
            color: #fff;
            border: 0;
            border-radius: 4px;
            cursor: pointer;
          }
          .done {
            border-left: 4px solid #2e7d32;
            padding: 0.3rem 0.8rem;
            background: #f0f7f0;
          }
          .refused {
            border-left: 4px solid #c62828;
            padding: 0.3rem 0.8rem;
            background: #fbf0f0;
          }
          a {
            color: #0b5cad;
          }
        </style>
      </head>
      <body>
        <div class="brand">Đôn Đốc — theo dõi, đôn đốc thực hiện kế hoạch cải cách hành chính</div>
        <h1>${title}</h1>
        ${body} ${details} ${form} ${open}
      </body>
    </html>`;
  return { status, html: markup.value };
}

/** "lúc 09:15 ngày 02/03/2027, bởi Nguyễn Văn A" — when and by whom the task was acknowledged. */
function acknowledgement(task: LinkedTask): string {
  const when = task.acknowledgedAt ? ` lúc ${formatDateTime(task.acknowledgedAt)}` : '';
  const who =
    task.acknowledgedBy === 'one-click-link'
      ? ', bằng liên kết trong thư điện tử gửi đơn vị'
      : task.acknowledgedByName
        ? `, bởi ${task.acknowledgedByName}`
        : '';
  return `${when}${who}`;
}

/** What GET shows: a button, because mail scanners fetch links and must not acknowledge anything. */
export function confirmationPage(task: LinkedTask, now?: Date): OneClickPage {
  return page(
    200,
    'Xác nhận tiếp nhận nhiệm vụ',
    html`<p>Bấm nút dưới đây để xác nhận ${task.unitName} đã tiếp nhận nhiệm vụ sau.</p>`,
    task,
    now,
    html`<form method="post"><button type="submit">Xác nhận đã tiếp nhận</button></form>`,
  );
}

/** After the click that acknowledged. */
export function acknowledgedPage(task: LinkedTask, now?: Date): OneClickPage {
  return page(
    200,
    'Đã tiếp nhận nhiệm vụ',
    html`<p class="done">
      Đã ghi nhận ${task.unitName} tiếp nhận nhiệm vụ${acknowledgement(task)}. Cảm ơn.
    </p>`,
    task,
    now,
  );
}

/** A second click, or a link to a task acknowledged meanwhile: nothing to do, and who did it when. */
export function alreadyAcknowledgedPage(task: LinkedTask, now?: Date): OneClickPage {
  const state =
    task.status === 'done'
      ? ' Nhiệm vụ đã hoàn thành.'
      : task.status === 'cancelled'
        ? ' Nhiệm vụ đã được hủy.'
        : '';
  return page(
    200,
    'Nhiệm vụ đã được tiếp nhận',
    html`<p class="done">
      Nhiệm vụ này đã được xác nhận tiếp nhận${acknowledgement(task)}; không cần xác nhận lại.${state}
    </p>`,
    task,
    now,
  );
}

const REFUSALS: Record<LinkRefusal, string> = {
  expired: 'Liên kết đã hết hạn. Vui lòng đăng nhập Đôn Đốc để xác nhận tiếp nhận nhiệm vụ.',
  invalid: 'Liên kết không hợp lệ. Vui lòng mở lại liên kết trong thư hoặc đăng nhập Đôn Đốc.',
  unknown: 'Liên kết không hợp lệ. Vui lòng mở lại liên kết trong thư hoặc đăng nhập Đôn Đốc.',
  used: 'Liên kết đã được sử dụng.',
};

export function refusedPage(why: LinkRefusal, task?: LinkedTask, now?: Date): OneClickPage {
  return page(
    why === 'invalid' ? 400 : why === 'unknown' ? 404 : 410,
    'Không dùng được liên kết',
    html`<p class="refused">${REFUSALS[why]}</p>`,
    task,
    now,
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
