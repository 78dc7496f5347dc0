import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../database/repositories/user.repository.js';
import { AppError } from '../common/problem.filter.js';
import { bearerToken } from './auth-hook.js';
import { AuthService } from './auth.service.js';
import { PUBLIC_KEY, ROLES_KEY } from './decorators.js';
import { hasRole, type Principal } from './principal.js';

/** Every route needs a valid session unless marked @Public(); @Roles narrows it further. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    // Found already when the request carries a body (auth-hook.ts, before the body was read).
    const token = req.principal ? '' : bearerToken(req);
    const principal = req.principal ?? (token ? await this.auth.authenticate(token) : undefined);
    if (!principal) throw new AppError(401, 'unauthorized', 'Cần đăng nhập.', 'Authentication required.');
    req.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !hasRole(principal, ...roles))
      throw new AppError(
        403,
        'forbidden',
        'Bạn không có quyền thực hiện thao tác này.',
        'You may not do this.',
      );
    return true;
  }
}
