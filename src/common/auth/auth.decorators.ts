import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Role } from '../../users/user.entity';
import { Actor } from './actor';

export const IS_PUBLIC = 'cachly:isPublic';
export const ROLES = 'cachly:roles';

/** Marks a route that needs no token (login, health, docs). Everything else is authenticated. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to the given roles (403 for the others). Scope within a role is checked by ScopeService. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest().actor;
});
