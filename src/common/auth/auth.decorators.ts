import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { PUBLIC_OPERATION } from '../openapi/openapi-document';
import { Role } from '../../users/user.entity';
import { Actor } from './actor';

export const IS_PUBLIC = 'cachly:isPublic';
export const ROLES = 'cachly:roles';

/**
 * Marks a route (or a controller) that needs no token (login, health, certificate checks).
 * Everything else is authenticated. The OpenAPI document marks these operations as public too.
 */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_OPERATION, true));

/** Restricts a route to the given roles (403 for the others). Scope within a role is checked by ScopeService. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest().actor;
});
