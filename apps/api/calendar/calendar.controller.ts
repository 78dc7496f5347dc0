import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CurrentUser, Public } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { CalendarService, type FeedRequest } from './calendar.service.js';

const UnitCode = z.string().regex(/^[a-z0-9_]+$/);
// The feed secret (43 base64url characters), optionally with the .ics calendar applications like.
const Secret = z.string().regex(/^[A-Za-z0-9_-]{43}(\.ics)?$/);

const feedRequest = (req: FastifyRequest): FeedRequest => ({
  requestId: String(req.id),
  origin: `${req.protocol}://${req.headers.host ?? 'localhost'}`,
});

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(@Inject(CalendarService) private readonly calendar: CalendarService) {}

  @Get('units/:code/calendar')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Đường dẫn lịch iCal của đơn vị / The unit’s secret iCal feed URL' })
  link(
    @CurrentUser() p: Principal,
    @Param('code', new ZodPipe(UnitCode)) code: string,
    @Req() req: FastifyRequest,
  ) {
    return this.calendar.link(p, code, feedRequest(req));
  }

  @Post('units/:code/calendar/rotate')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Đổi đường dẫn lịch (đường cũ hết hiệu lực) / Rotate the feed URL' })
  rotate(
    @CurrentUser() p: Principal,
    @Param('code', new ZodPipe(UnitCode)) code: string,
    @Req() req: FastifyRequest,
  ) {
    return this.calendar.rotate(p, code, feedRequest(req));
  }

  /** The feed itself: public, the secret in the URL is the credential. */
  @Get('ical/:secret')
  @Public()
  @ApiOperation({ summary: 'Lịch iCal của đơn vị / A unit’s iCal feed (deadlines with a reminder)' })
  async feed(@Param('secret', new ZodPipe(Secret)) secret: string, @Res() reply: FastifyReply) {
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, max-age=300')
      .send(await this.calendar.feed(secret));
  }
}
