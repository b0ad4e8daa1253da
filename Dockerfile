# syntax=docker/dockerfile:1
# why403 Slack bot. Build: docker build -t why403 .   Run: see docs/deploy.md.

# Every stage: node:22-bookworm-slim (Node 22.23.3, Debian 12), pinned to its multi-arch index digest. The digest is
# the one public Dockerfiles pin for that tag, e.g. geovetlf/Dizaster infra/docker/core.Dockerfile (updated by
# Dependabot); it was not pulled where this was written (no Docker engine there). To move to a newer Node 22:
#   docker buildx imagetools inspect node:22-bookworm-slim   (the "Digest:" line)
ARG NODE_IMAGE=node:22-bookworm-slim@sha256:43ac6c60b8f89723f746e8a92ce91abd5017e627ce1ddfe4238355d3a30b772c

# 1. Compile TypeScript with the full (dev) dependency set, with the same build script as `npm ci` and `npm pack`.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# 2. Production dependencies only, from the lockfile.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# 3. The runtime image: compiled code and production dependencies, owned by root and read-only to the `node` user
#    the bot runs as. tini is PID 1: it passes `docker stop`'s SIGTERM on to Node and reaps orphaned processes.
FROM ${NODE_IMAGE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json LICENSE ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--", "node", "dist/src/cli/main.js"]
CMD ["serve"]
