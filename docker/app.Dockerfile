# syntax=docker/dockerfile:1
# One image for every EASI process: the four services, the journey worker and the dev issuer.
# The monorepo runs TypeScript directly through tools/register.js (swc), so the image is the
# repository plus its production node_modules; docker-compose.yml picks the entry point per container.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS source
WORKDIR /app
COPY . .
# Whatever the build context carried over from the host (node_modules built for another
# platform, local state with dev keys) must not end up in the image.
RUN find . -name node_modules -type d -prune -exec rm -rf {} + \
 && rm -rf .git .easi .nx tmp coverage

FROM source AS manifests
# Only the package manifests, so the `npm ci` layer is rebuilt only when dependencies change.
RUN find . -type f ! -name package.json ! -name package-lock.json -delete \
 && find . -mindepth 1 -depth -type d -empty -delete

FROM ${NODE_IMAGE}
WORKDIR /app
COPY --from=manifests /app ./
# Production dependencies only (package.json's "dependencies"): no Jest, ESLint, Nx or TypeScript in
# the image. swc stays, because tools/register.js compiles the TypeScript sources at start, and so
# does the bundler the journey worker runs at start (a dependency of @temporalio/worker).
# tools/test/production-dependencies.spec.ts checks that every package these processes load is one.
# No dependency install scripts: swc and Temporal's core bridge ship their binaries as packages.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force
COPY --from=source /app ./
RUN mkdir -p /var/lib/easi && chown node:node /var/lib/easi
ENV EASI_STATE_DIR=/var/lib/easi
USER node
CMD ["node", "-r", "./tools/register.js", "libs/auth/src/dev-issuer/main.ts"]
