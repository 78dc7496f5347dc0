import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../../database/repositories/user.repository.js';
import type { Principal } from './principal.js';

export const PUBLIC_KEY = 'dondoc:public';
export const ROLES_KEY = 'dondoc:roles';

/** A route anyone may call (login, health, one-click links, iCal feeds with their secret). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only users holding one of these roles (checked before any scoping by unit). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal =>
    ctx.switchToHttp().getRequest<{ principal: Principal }>().principal,
);
