import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CurrentUser } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { Declare } from '../common/openapi.js';
import { email, login, text, unitCode } from '../common/schemas.js';
import { PeopleService } from './people.service.js';

const UnitParams = z.object({ code: unitCode }).strict();
const PersonParams = z
  .object({
    code: unitCode,
    login,
  })
  .strict();
const Invite = z
  .object({
    // The address is the login: one account per mailbox.
    email,
    displayName: text(200),
  })
  .strict();

@ApiTags('people')
@Controller('units/:code/people')
export class PeopleController {
  constructor(@Inject(PeopleService) private readonly people: PeopleService) {}

  @Declare({
    operationId: 'listPeople',
    summary: 'Cán bộ của đơn vị / The people of a unit',
    params: UnitParams,
    responses: {
      200: z.looseObject({
        unit: z.object({ code: z.string(), name: z.string() }),
        people: z.array(z.looseObject({ login: z.string() })),
      }),
    },
  })
  @Get()
  list(@CurrentUser() p: Principal, @Param('code') code: string) {
    return this.people.list(p, code);
  }

  @Declare({
    operationId: 'invitePerson',
    summary: 'Mời chuyên viên qua thư điện tử / Invite an officer by e-mail',
    params: UnitParams,
    body: Invite,
    responses: { 201: z.looseObject({ login: z.string(), expiresAt: z.string() }) },
    errors: [409],
  })
  @Post('invitations')
  @HttpCode(201)
  invite(
    @CurrentUser() p: Principal,
    @Param('code') code: string,
    @Body() b: z.output<typeof Invite>,
    @Req() req: FastifyRequest,
  ) {
    return this.people.invite(p, code, b, `${req.protocol}://${req.host}`, String(req.id));
  }

  @Declare({
    operationId: 'deactivatePerson',
    summary: 'Khóa tài khoản cán bộ / Deactivate a person of the unit',
    params: PersonParams,
    responses: { 200: z.looseObject({ login: z.string() }) },
    errors: [409],
  })
  @Post(':login/deactivate')
  @HttpCode(200)
  deactivate(
    @CurrentUser() p: Principal,
    @Param() v: z.output<typeof PersonParams>,
    @Req() req: FastifyRequest,
  ) {
    return this.people.deactivate(p, v.code, v.login, String(req.id));
  }
}
