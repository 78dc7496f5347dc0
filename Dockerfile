# syntax=docker/dockerfile:1
#
# Đôn Đốc production image. One image, two roles chosen by the command:
#   API     node dist/apps/api/main.js      (default CMD; listens on $HOST:$PORT, migrates at start)
#   worker  node dist/apps/worker/main.js   (Temporal worker: prebuilt workflow bundle + activities)
# and a one-shot `node dist/apps/cli/main.js migrate` for database migrations.
# See docs/deploy.md and docker-compose.yml.

# Pinned to the same Node release as the `node` devDependency that developers run.
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

# ---------------------------------------------------------------------------
# build: full dependency tree, TypeScript compile, Temporal workflow bundle
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false

COPY package.json package-lock.json ./
# --ignore-scripts: no install script is needed to compile. It also keeps the `node` devDependency
# (a Node binary fetched from npm for developer machines) from downloading anything; its dangling
# bin link is removed so that npm scripts run the image's own Node 24.
RUN npm ci --ignore-scripts && rm -f node_modules/.bin/node

COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY dsl ./dsl
COPY workflows ./workflows
COPY scripts ./scripts
COPY bench ./bench
# tsc output in dist/, then dist/workflow-bundle.js so the worker never bundles at start-up, then the web UI in
# dist/web, which the API serves.
RUN npm run build \
 && test -f dist/web/index.html \
 && test -f dist/apps/api/main.js \
 && test -f dist/apps/worker/main.js \
 && test -f dist/apps/cli/main.js \
 && test -f dist/workflow-bundle.js

# ---------------------------------------------------------------------------
# runtime: production dependencies and the build output only, non-root
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    npm_config_update_notifier=false
WORKDIR /app

# jemalloc for every process of the image: with glibc's malloc a worker holds about three times the memory per
# cached workflow (docs/benchmarks.md). The link gives one path on every architecture; WORKER_MALLOC does not apply
# here (unset LD_PRELOAD to run on the system allocator).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libjemalloc2 \
 && rm -rf /var/lib/apt/lists/* \
 && ln -s "$(find /usr/lib -name libjemalloc.so.2 | head -n 1)" /usr/local/lib/libjemalloc.so.2
ENV LD_PRELOAD=/usr/local/lib/libjemalloc.so.2

COPY package.json package-lock.json ./
# --omit=dev skips the `node` devDependency; no production dependency needs its install script here.
RUN npm ci --omit=dev --ignore-scripts \
 && npm cache clean --force

COPY --from=build /app/dist ./dist
# Migrations are plain SQL, read at run time from the package root (tsc does not copy them into dist/).
COPY apps/database/migrations ./apps/database/migrations

# The base image's unprivileged user (uid 1000); the app writes nothing inside the image.
USER node

EXPOSE 3000
# The API answers GET /api/health (liveness); the worker service overrides this check in docker-compose.yml.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

CMD ["node", "dist/apps/api/main.js"]
