import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CurrentUser } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { jsonSchema, ZodBody, ZodPipe } from '../common/zod.pipe.js';
import { PeopleService } from './people.service.js';

const UnitCode = z
  .string()
  .max(100)
  .regex(/^[a-z0-9_]+$/);
const Login = z
  .string()
  .max(100)
  .regex(/^[a-z0-9][a-z0-9._@-]{1,99}$/);
const Invite = z
  .object({
    // The address is the login: one account per mailbox.
    email: z.string().trim().toLowerCase().pipe(z.email().max(100)),
    displayName: z.string().trim().normalize('NFC').min(1).max(200),
  })
  .strict();

@ApiTags('people')
@ApiBearerAuth()
@Controller('units/:code/people')
export class PeopleController {
  constructor(@Inject(PeopleService) private readonly people: PeopleService) {}

  @Get()
  @ApiOperation({ summary: 'Cán bộ của đơn vị / The people of a unit' })
  list(@CurrentUser() p: Principal, @Param('code', new ZodPipe(UnitCode)) code: string) {
    return this.people.list(p, code);
  }

  @Post('invitations')
  @HttpCode(201)
  @ApiOperation({ summary: 'Mời chuyên viên qua thư điện tử / Invite an officer by e-mail' })
  @ApiBody({ schema: jsonSchema(Invite) })
  invite(
    @CurrentUser() p: Principal,
    @Param('code', new ZodPipe(UnitCode)) code: string,
    @Body(ZodBody(Invite)) b: z.infer<typeof Invite>,
    @Req() req: FastifyRequest,
  ) {
    return this.people.invite(p, code, b, `${req.protocol}://${req.host}`, String(req.id));
  }

  @Post(':login/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Khóa tài khoản cán bộ / Deactivate a person of the unit' })
  deactivate(
    @CurrentUser() p: Principal,
    @Param('code', new ZodPipe(UnitCode)) code: string,
    @Param('login', new ZodPipe(Login)) login: string,
    @Req() req: FastifyRequest,
  ) {
    return this.people.deactivate(p, code, login, String(req.id));
  }
}
