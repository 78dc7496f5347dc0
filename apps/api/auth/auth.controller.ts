import { Body, Controller, Get, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Declare } from '../common/openapi.js';
import { AuthService, publicUser } from './auth.service.js';
import { CurrentUser, Public } from './decorators.js';
import type { Principal } from './principal.js';

const LoginBody = z
  .object({
    login: z.string().trim().min(1).max(100),
    password: z.string().min(1).max(200),
  })
  .strict();

/** The signed-in user as GET /auth/me and the sign-in answer give it. */
export const User = z.looseObject({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  issuer: z.string(),
  language: z.string(),
  roles: z.array(
    z.object({
      role: z.string(),
      unit: z.object({ code: z.string(), name: z.string() }).nullable(),
    }),
  ),
});
const Session = z.looseObject({ token: z.string(), expiresAt: z.string(), user: User });

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  /** 10 attempts a minute per address: enough for a person, too few for guessing. */
  @Declare({
    operationId: 'signIn',
    summary: 'Đăng nhập / Sign in (the token goes in Authorization: Bearer)',
    body: LoginBody,
    responses: { 200: { description: 'Phiên đăng nhập / A session', json: Session } },
    errors: [401, 429],
  })
  @Post('login')
  @Public()
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @HttpCode(200)
  login(@Body() body: z.output<typeof LoginBody>, @Req() req: FastifyRequest) {
    const ua = req.headers['user-agent'];
    return this.auth.login(body.login, body.password, {
      ip: req.ip,
      ...(typeof ua === 'string' ? { userAgent: ua } : {}),
      requestId: String(req.id),
    });
  }

  @Declare({
    operationId: 'signOut',
    summary: 'Đăng xuất / Sign out (the token stops working)',
    responses: { 204: { description: 'Đã đăng xuất / Signed out' } },
  })
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUser() p: Principal, @Req() req: FastifyRequest) {
    await this.auth.logout(p, String(req.id));
  }

  @Declare({ operationId: 'whoAmI', summary: 'Tôi là ai / The signed-in user', responses: { 200: User } })
  @Get('me')
  me(@CurrentUser() p: Principal) {
    return publicUser(p);
  }
}
