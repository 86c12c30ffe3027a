# syntax=docker/dockerfile:1
#
# One image recipe for the whole federation. Every service is built from this file; the build
# target and the SERVICE build argument pick what runs:
#
#   docker build --target subgraph --build-arg SERVICE=training -t metrology/training .
#   docker build --target subgraph --build-arg SERVICE=labs     -t metrology/labs .
#   docker build --target subgraph --build-arg SERVICE=funding  -t metrology/funding .
#   docker build --target gateway                                -t metrology/gateway .
#   docker build --target reports                                -t metrology/reports .
#
# pnpm is run through `npx -y pnpm@12.4.2` (the version pinned in package.json). Corepack is not
# used: it refuses this pnpm release unless COREPACK_INTEGRITY_KEYS=0.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------
# base: Node and the pinned pnpm, nothing of the project yet.
FROM ${NODE_IMAGE} AS base
ENV PNPM="npx -y pnpm@12.4.2" \
    PNPM_STORE_DIR=/pnpm/store \
    CI=true
WORKDIR /app
# Fetch pnpm once so that later layers reuse npx's cache.
RUN ${PNPM} --version

# ---------------------------------------------------------------------------------------------
# manifests: only what `pnpm install` reads, so that dependency layers survive source edits.
FROM base AS manifests
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY subgraphs/kit/package.json      subgraphs/kit/
COPY subgraphs/training/package.json subgraphs/training/
COPY subgraphs/labs/package.json     subgraphs/labs/
COPY subgraphs/funding/package.json  subgraphs/funding/
COPY gateway/package.json            gateway/
COPY test/package.json               test/
COPY clients/cli/package.json        clients/cli/
COPY clients/reports/package.json    clients/reports/
COPY clients/sdk/package.json        clients/sdk/
COPY clients/web/package.json        clients/web/

# ---------------------------------------------------------------------------------------------
# build: every dependency, then the TypeScript projects (kit, the three subgraphs, the gateway).
FROM manifests AS build
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    ${PNPM} install --frozen-lockfile --store-dir=${PNPM_STORE_DIR}
COPY tsconfig.base.json tsconfig.json ./
COPY subgraphs subgraphs
COPY gateway gateway
COPY clients clients
RUN ${PNPM} exec tsc -b subgraphs/kit subgraphs/training subgraphs/labs subgraphs/funding gateway clients/sdk clients/reports \
 && cd clients/web && ${PNPM} exec vite build --logLevel warn

# ---------------------------------------------------------------------------------------------
# prod-deps: production dependencies only (no TypeScript, vitest, biome).
FROM manifests AS prod-deps
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    ${PNPM} install --frozen-lockfile --prod --store-dir=${PNPM_STORE_DIR}

# ---------------------------------------------------------------------------------------------
# runtime: production node_modules, compiled output and the committed supergraph. No sources,
# no compiler, no package manager. Shared by every service so the layers are stored once.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=prod-deps --chown=node:node /app ./
COPY --from=build --chown=node:node /app/subgraphs/kit/dist      subgraphs/kit/dist
COPY --from=build --chown=node:node /app/subgraphs/training/dist subgraphs/training/dist
COPY --from=build --chown=node:node /app/subgraphs/labs/dist     subgraphs/labs/dist
COPY --from=build --chown=node:node /app/subgraphs/funding/dist  subgraphs/funding/dist
COPY --from=build --chown=node:node /app/gateway/dist            gateway/dist
# The reports service (the annual report) and the SDK it reads the API through.
COPY --from=build --chown=node:node /app/clients/reports/dist    clients/reports/dist
COPY --from=build --chown=node:node /app/clients/sdk/dist        clients/sdk/dist
# The web app, served by the gateway on the same origin.
COPY --from=build --chown=node:node /app/clients/web/dist        clients/web/dist
COPY --chown=node:node gateway/supergraph.graphql gateway/supergraph.graphql
USER node

# ---------------------------------------------------------------------------------------------
# subgraph: one of training, labs, funding (--build-arg SERVICE=...).
FROM runtime AS subgraph
ARG SERVICE
RUN test -n "${SERVICE}" && test -f "subgraphs/${SERVICE}/dist/main.js" \
    || { echo "build with --build-arg SERVICE=training|labs|funding" >&2; exit 1; }
ENV SERVICE=${SERVICE}
# `exec` so that node is PID 1 and receives SIGTERM for a graceful shutdown.
CMD ["sh", "-c", "exec node subgraphs/${SERVICE}/dist/main.js"]

# ---------------------------------------------------------------------------------------------
# gateway: the single public entry point.
FROM runtime AS gateway
ENV SERVICE=gateway
EXPOSE 4000
CMD ["node", "gateway/dist/main.js"]

# ---------------------------------------------------------------------------------------------
# reports: the annual report service, reached only through the gateway (docs/ARCHITECTURE.md, "Reports").
FROM runtime AS reports
ENV SERVICE=reports
EXPOSE 4004
CMD ["node", "clients/reports/dist/main.js"]
