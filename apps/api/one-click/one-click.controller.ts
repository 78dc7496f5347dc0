import { Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Public } from '../auth/decorators.js';
import { Declare, type ResponseSpec } from '../common/openapi.js';
import { sendPage } from './one-click.page.js';
import { OneClickService } from './one-click.service.js';

/** The signed token's shape (apps/credentials/one-click.ts); a token of this shape that does not verify is 404. */
const TokenParams = z
  .object({
    token: z
      .string()
      .max(1024)
      .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/),
  })
  .strict();
const page = (description: string): ResponseSpec => ({
  description,
  content: { 'text/html': { type: 'string' } },
});
/** Every answer is a small page, a refusal too: the person came from an e-mail, not from the app. */
const pages = {
  200: page('Trang xác nhận hoặc kết quả / The confirmation or the outcome'),
  400: page('Liên kết hỏng / A malformed link'),
  404: page('Liên kết không có hoặc bị sửa / An unknown or forged link'),
  410: page('Liên kết đã hết hạn hoặc đã dùng / The link expired or was used'),
};

/**
 * Acknowledge links in reminder e-mails, usable without signing in. GET only shows a confirmation (mail
 * scanners fetch links); POST acknowledges.
 */
@ApiTags('one-click')
@Controller('one-click')
@Public()
export class OneClickController {
  constructor(@Inject(OneClickService) private readonly oneClick: OneClickService) {}

  @Declare({
    operationId: 'oneClickPage',
    summary: 'Trang xác nhận tiếp nhận / Confirmation page of an acknowledge link',
    params: TokenParams,
    responses: pages,
  })
  @Get(':token')
  async confirm(@Param('token') token: string, @Res() reply: FastifyReply) {
    return sendPage(reply, await this.oneClick.confirmation(token));
  }

  @Declare({
    operationId: 'oneClickAcknowledge',
    summary: 'Tiếp nhận bằng liên kết / Acknowledge through the link (once)',
    params: TokenParams,
    // The page's button posts an empty form.
    otherBody: {
      type: 'application/x-www-form-urlencoded',
      schema: { type: 'object', additionalProperties: false },
      required: false,
    },
    responses: pages,
  })
  @Post(':token')
  async acknowledge(@Param('token') token: string, @Res() reply: FastifyReply) {
    return sendPage(reply, await this.oneClick.acknowledge(token));
  }
}
