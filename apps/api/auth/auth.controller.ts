import { Body, Controller, Get, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ZodBody } from '../common/zod.pipe.js';
import { AuthService, publicUser } from './auth.service.js';
import { CurrentUser, Public } from './decorators.js';
import type { Principal } from './principal.js';

const LoginBody = z.object({
  login: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

@Controller('auth')
export class AuthController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  /** 10 attempts a minute per address: enough for a person, too few for guessing. */
  @Post('login')
  @Public()
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @HttpCode(200)
  login(@Body(ZodBody(LoginBody)) body: z.infer<typeof LoginBody>, @Req() req: FastifyRequest) {
    const ua = req.headers['user-agent'];
    return this.auth.login(body.login, body.password, {
      ip: req.ip,
      ...(typeof ua === 'string' ? { userAgent: ua } : {}),
      requestId: String(req.id),
    });
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUser() p: Principal, @Req() req: FastifyRequest) {
    await this.auth.logout(p, String(req.id));
  }

  @Get('me')
  me(@CurrentUser() p: Principal) {
    return publicUser(p);
  }
}
