import { Body, Controller, HttpCode, Inject, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LANGUAGES } from '../../database/repositories/user.repository.js';
import { jsonSchema, ZodBody } from '../common/zod.pipe.js';
import { AuthService } from './auth.service.js';
import { CurrentUser } from './decorators.js';
import type { Principal } from './principal.js';

const PreferencesBody = z.object({ language: z.enum(LANGUAGES) }).strict();

/** What signed-in users set for themselves; every role may, for their own account only. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Put('preferences')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Lưu tùy chọn của tôi / Save my preferences (the language of my e-mails and of the web app)',
  })
  @ApiBody({ schema: jsonSchema(PreferencesBody) })
  preferences(
    @CurrentUser() p: Principal,
    @Body(ZodBody(PreferencesBody)) b: z.infer<typeof PreferencesBody>,
    @Req() req: FastifyRequest,
  ) {
    return this.auth.setPreferences(p, b, String(req.id));
  }
}
