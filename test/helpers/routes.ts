import { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';

export interface Route {
  method: string;
  /** As OpenAPI writes it: /api/v1/facilities/{id} */
  path: string;
}

// Not API endpoints: Swagger UI and its assets, served by SwaggerModule itself.
const NOT_ENDPOINTS = /^\/docs(\/|-json|-yaml|$)/;

/** Every route the running app answers, read from the Express router (so nothing can hide from a test). */
export function registeredRoutes(app: INestApplication): Route[] {
  const express = app.getHttpAdapter().getInstance();
  const stack: { route?: { path: string; methods: Record<string, boolean> } }[] = (express.router ?? express._router).stack;
  return stack
    .map((layer) => layer.route)
    .filter((route): route is { path: string; methods: Record<string, boolean> } => Boolean(route))
    // Middleware mounted for every method (helmet, the queue dashboard) is not an endpoint.
    .filter((route) => Object.keys(route.methods).length === 1 && !NOT_ENDPOINTS.test(route.path))
    .map((route) => ({
      method: Object.keys(route.methods)[0].toUpperCase(),
      path: route.path.replace(/:(\w+)/g, '{$1}'),
    }));
}

/** True when the handler behind an OpenAPI operation id ("FacilitiesController_create_v1") reads a @Body(). */
export function handlerTakesBody(app: INestApplication, operationId: string): boolean {
  const [controllerName, methodName] = operationId.split('_');
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      if (wrapper.metatype?.name !== controllerName) continue;
      const args: Record<string, unknown> = Reflect.getMetadata(ROUTE_ARGS_METADATA, wrapper.metatype, methodName) ?? {};
      return Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
    }
  }
  throw new Error(`no controller found for operation ${operationId}`);
}

/** A concrete path for a route, each {param} filled in by `fill`. */
export function pathFor(route: Route, fill: (param: string) => string): string {
  return route.path.replace(/\{(\w+)\}/g, (_, param: string) => fill(param));
}
