import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';
import type { Role } from '../../database/repositories/user.repository.js';
import type { Principal } from './principal.js';

export const PUBLIC_KEY = 'dondoc:public';
export const ROLES_KEY = 'dondoc:roles';

/**
 * A route anyone may call (login, health, one-click links, iCal feeds with their secret). Besides the guard's
 * metadata, each handler's Fastify route config says `public`, so the hook that authenticates before a body is
 * read (auth-hook.ts) knows it too.
 */
export const Public =
  (): ClassDecorator & MethodDecorator =>
  (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      SetMetadata(PUBLIC_KEY, true)(target, key!, descriptor);
      markPublic(descriptor.value);
      return;
    }
    SetMetadata(PUBLIC_KEY, true)(target as new () => unknown);
    const proto = (target as { prototype: Record<string, unknown> }).prototype;
    for (const name of Object.getOwnPropertyNames(proto))
      if (name !== 'constructor' && typeof proto[name] === 'function') markPublic(proto[name]);
  };

function markPublic(handler: unknown): void {
  const config = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler as object) ?? {}) as object;
  Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...config, public: true }, handler as object);
}

/** Only users holding one of these roles (checked before any scoping by unit). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal =>
    ctx.switchToHttp().getRequest<{ principal: Principal }>().principal,
);
