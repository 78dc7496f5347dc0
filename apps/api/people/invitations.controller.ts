import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Public } from '../auth/decorators.js';
import { jsonSchema, ZodBody, ZodPipe } from '../common/zod.pipe.js';
import { PeopleService } from './people.service.js';

const Token = z.string().max(200);
const Accept = z.object({ password: z.string().min(10).max(200) }).strict();

/**
 * The invitation link of the e-mail, usable without signing in, once. Not rate-limited like the sign-in: the
 * token is 256 random bits, nothing to guess.
 */
@ApiTags('people')
@Controller('invitations')
@Public()
export class InvitationsController {
  constructor(@Inject(PeopleService) private readonly people: PeopleService) {}

  @Get(':token')
  @ApiOperation({ summary: 'Lời mời / What an invitation is for' })
  show(@Param('token', new ZodPipe(Token)) token: string) {
    return this.people.invitation(token);
  }

  @Post(':token/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Nhận lời mời, đặt mật khẩu / Accept, setting a password' })
  @ApiBody({ schema: jsonSchema(Accept) })
  accept(
    @Param('token', new ZodPipe(Token)) token: string,
    @Body(ZodBody(Accept)) b: z.infer<typeof Accept>,
    @Req() req: FastifyRequest,
  ) {
    return this.people.accept(token, b.password, String(req.id));
  }
}
