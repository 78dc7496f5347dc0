import { Body, Controller, HttpCode, Inject, Put, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LANGUAGES } from '../../database/repositories/user.repository.js';
import { Declare } from '../common/openapi.js';
import { AuthService } from './auth.service.js';
import { CurrentUser } from './decorators.js';
import type { Principal } from './principal.js';

const PreferencesBody = z.object({ language: z.enum(LANGUAGES) }).strict();

/** What signed-in users set for themselves; every role may, for their own account only. */
@ApiTags('auth')
@Controller('me')
export class MeController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Declare({
    operationId: 'savePreferences',
    summary: 'Lưu tùy chọn của tôi / Save my preferences (the language of my e-mails and of the web app)',
    body: PreferencesBody,
    responses: { 200: z.object({ language: z.enum(LANGUAGES) }) },
  })
  @Put('preferences')
  @HttpCode(200)
  preferences(
    @CurrentUser() p: Principal,
    @Body() b: z.output<typeof PreferencesBody>,
    @Req() req: FastifyRequest,
  ) {
    return this.auth.setPreferences(p, b, String(req.id));
  }
}
