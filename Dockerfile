# Nabo's container image: one image, two processes (the same commands as the Procfile).
#   web:    node dist/app/web.js   (the default command)
#   worker: node dist/app/worker.js
# Configuration comes from the environment (see .env.example); compose.yaml runs both with
# MongoDB and Redis.

ARG NODE_VERSION=24

# Build stage: production dependencies (typescript and the type packages are among them, so
# the same install that runs the app also compiles it), then dist/.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
COPY jobs ./jobs
COPY models ./models
COPY kernel ./kernel
COPY app ./app
RUN npm run build

# Runtime stage: the compiled code and its dependencies, owned by root and run as the
# unprivileged `node` user, so the process cannot change its own code.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
USER node
EXPOSE 3000
CMD ["node", "dist/app/web.js"]
