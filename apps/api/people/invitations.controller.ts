import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Public } from '../auth/decorators.js';
import { Declare } from '../common/openapi.js';
import { PeopleService } from './people.service.js';

const TokenParams = z.object({ token: z.string().min(1).max(200) }).strict();
const Accept = z.object({ password: z.string().min(10).max(200) }).strict();
const Invitation = z.looseObject({
  login: z.string(),
  displayName: z.string(),
  unit: z.object({ code: z.string(), name: z.string() }),
  expiresAt: z.string(),
});

/**
 * The invitation link of the e-mail, usable without signing in, once. Not rate-limited like the sign-in: the
 * token is 256 random bits, nothing to guess.
 */
@ApiTags('people')
@Controller('invitations')
@Public()
export class InvitationsController {
  constructor(@Inject(PeopleService) private readonly people: PeopleService) {}

  @Declare({
    operationId: 'getInvitation',
    summary: 'Lời mời / What an invitation is for',
    params: TokenParams,
    responses: { 200: Invitation },
    errors: [410],
  })
  @Get(':token')
  show(@Param('token') token: string) {
    return this.people.invitation(token);
  }

  @Declare({
    operationId: 'acceptInvitation',
    summary: 'Nhận lời mời, đặt mật khẩu / Accept, setting a password',
    params: TokenParams,
    body: Accept,
    responses: { 200: z.looseObject({ login: z.string() }) },
    errors: [409, 410],
  })
  @Post(':token/accept')
  @HttpCode(200)
  accept(@Param('token') token: string, @Body() b: z.output<typeof Accept>, @Req() req: FastifyRequest) {
    return this.people.accept(token, b.password, String(req.id));
  }
}
