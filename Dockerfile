# Cachly image (the API and its web console): built in one stage, run from a slim stage with production dependencies only.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY migrations ./migrations
COPY web ./web
# dist/src/main.js (the service), dist/src/cli/ (the demo and the admin command) and web/dist (the
# console, served at /), then drop dev tools.
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
# Reference data that the migrations load (administrative units).
COPY --from=build /app/migrations/data ./dist/migrations/data
USER node
EXPOSE 3000
# Migrations run at start-up (MIGRATIONS_RUN, on by default).
CMD ["node", "dist/src/main.js"]
