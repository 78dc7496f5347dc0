import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CurrentUser, Public } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { Declare } from '../common/openapi.js';
import { unitCode } from '../common/schemas.js';
import { CalendarService, type FeedRequest } from './calendar.service.js';

const UnitParams = z.object({ code: unitCode }).strict();
// The feed secret (43 base64url characters), optionally with the .ics calendar applications like.
const SecretParams = z.object({ secret: z.string().regex(/^[A-Za-z0-9_-]{43}(\.ics)?$/) }).strict();
const FeedLink = z.object({ unit: z.string(), url: z.string() });

const feedRequest = (req: FastifyRequest): FeedRequest => ({
  requestId: String(req.id),
  origin: `${req.protocol}://${req.headers.host ?? 'localhost'}`,
});

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(@Inject(CalendarService) private readonly calendar: CalendarService) {}

  @Declare({
    operationId: 'calendarLink',
    summary: 'Đường dẫn lịch iCal của đơn vị / The unit’s secret iCal feed URL',
    params: UnitParams,
    responses: { 200: FeedLink },
  })
  @Get('units/:code/calendar')
  link(@CurrentUser() p: Principal, @Param('code') code: string, @Req() req: FastifyRequest) {
    return this.calendar.link(p, code, feedRequest(req));
  }

  @Declare({
    operationId: 'rotateCalendarLink',
    summary: 'Đổi đường dẫn lịch (đường cũ hết hiệu lực) / Rotate the feed URL',
    params: UnitParams,
    responses: { 200: FeedLink },
  })
  @Post('units/:code/calendar/rotate')
  @HttpCode(200)
  rotate(@CurrentUser() p: Principal, @Param('code') code: string, @Req() req: FastifyRequest) {
    return this.calendar.rotate(p, code, feedRequest(req));
  }

  /** The feed itself: public, the secret in the URL is the credential. */
  @Declare({
    operationId: 'calendarFeed',
    summary: 'Lịch iCal của đơn vị / A unit’s iCal feed (deadlines with a reminder)',
    params: SecretParams,
    responses: {
      200: {
        description: 'Lịch iCalendar / The iCalendar feed',
        content: { 'text/calendar': { type: 'string' } },
      },
    },
  })
  @Get('ical/:secret')
  @Public()
  async feed(@Param('secret') secret: string, @Res() reply: FastifyReply) {
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, max-age=300')
      .send(await this.calendar.feed(secret));
  }
}
