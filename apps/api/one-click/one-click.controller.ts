import { Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/decorators.js';
import { sendPage } from './one-click.page.js';
import { OneClickService } from './one-click.service.js';

/**
 * Acknowledge links in reminder e-mails, usable without signing in. GET only shows a confirmation (mail
 * scanners fetch links); POST acknowledges.
 */
@ApiTags('one-click')
@Controller('one-click')
@Public()
export class OneClickController {
  constructor(@Inject(OneClickService) private readonly oneClick: OneClickService) {}

  @Get(':token')
  @ApiOperation({ summary: 'Trang xác nhận tiếp nhận / Confirmation page of an acknowledge link' })
  async confirm(@Param('token') token: string, @Res() reply: FastifyReply) {
    return sendPage(reply, await this.oneClick.confirmation(token));
  }

  @Post(':token')
  @ApiOperation({ summary: 'Tiếp nhận bằng liên kết / Acknowledge through the link (once)' })
  async acknowledge(@Param('token') token: string, @Res() reply: FastifyReply) {
    return sendPage(reply, await this.oneClick.acknowledge(token));
  }
}
