import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { ENVIRONMENT_VARIABLES } from '../../jobs/settings.js';

/**
 * No container engine runs on the build machines, so the image and compose.yaml cannot be
 * started here. These tests keep the ways of running Nabo in step instead: the Procfile, the
 * Dockerfile, compose.yaml, package.json, .env.example and the CI workflow must agree on the
 * commands, the variables and the services, so a change to one that forgets the others fails.
 */
const root = resolve(import.meta.dirname, '../..');
const read = (file: string): string => readFileSync(join(root, file), 'utf8');

type Yaml = Record<string, unknown>;

function yamlFile(file: string): Yaml {
  // merge: compose.yaml shares the web and worker settings with a YAML anchor (<<: *nabo).
  const document = parseDocument(read(file), { merge: true, prettyErrors: true });
  expect(document.errors.map((error) => error.message)).toEqual([]);
  expect(document.warnings.map((warning) => warning.message)).toEqual([]);
  return document.toJS() as Yaml;
}

const packageJson = JSON.parse(read('package.json')) as {
  engines: { node: string };
  scripts: Record<string, string>;
};
const buildFolders = (JSON.parse(read('tsconfig.build.json')) as { include: string[] }).include;

function procfile(): Record<string, string> {
  return Object.fromEntries(
    read('Procfile')
      .split('\n')
      .map((line) => /^(\w+):\s*(.+?)\s*$/.exec(line))
      .filter((match) => match !== null)
      .map((match) => [match[1], match[2]]),
  );
}

interface DockerStage {
  image: string;
  name: string | undefined;
  instructions: Array<{ keyword: string; args: string }>;
}

/** Dockerfile stages with their instructions; ARG defaults are filled into FROM. */
function dockerfileStages(): DockerStage[] {
  const lines = read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const args: Record<string, string> = {};
  const stages: DockerStage[] = [];
  for (const line of lines) {
    const [, keyword = '', rest = ''] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    const upper = keyword.toUpperCase();
    if (upper === 'ARG' && stages.length === 0) {
      const [name = '', value = ''] = rest.split('=');
      args[name] = value;
    } else if (upper === 'FROM') {
      const [image = '', , name] = rest
        .replace(/\$\{(\w+)\}/g, (_, arg: string) => args[arg] ?? '')
        .split(/\s+/);
      stages.push({ image, name, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: upper, args: rest });
    }
  }
  return stages;
}

const commandOf = (value: unknown): string =>
  Array.isArray(value) ? value.join(' ') : String(value ?? '');

/** Every environment variable the shipped code reads, by name. */
function variablesTheCodeReads(): string[] {
  const files = (folder: string): string[] =>
    readdirSync(join(root, folder)).flatMap((entry) => {
      const path = join(folder, entry);
      if (statSync(join(root, path)).isDirectory()) return files(path);
      return entry.endsWith('.ts') ? [path] : [];
    });
  const names = new Set<string>(Object.values(ENVIRONMENT_VARIABLES));
  for (const file of buildFolders.flatMap(files)) {
    const code = read(file);
    for (const match of code.matchAll(/\benv\.([A-Z]\w*)/g)) names.add(match[1] ?? '');
    for (const match of code.matchAll(/\benv\[\s*['"](\w+)['"]\s*\]/g)) names.add(match[1] ?? '');
  }
  // Set by vitest, read only to keep test runs quiet.
  names.delete('VITEST');
  return [...names].sort();
}

function documentedVariables(): Set<string> {
  return new Set(
    read('.env.example')
      .split('\n')
      .map((line) => /^([A-Za-z_]\w*)=/.exec(line)?.[1])
      .filter((name) => name !== undefined),
  );
}

const compose = yamlFile('compose.yaml') as { services: Record<string, Yaml> };
const services = compose.services;
const serviceWithImage = (prefix: string): [string, Yaml] => {
  const found = Object.entries(services).filter(([, service]) =>
    String(service.image ?? '').startsWith(prefix),
  );
  expect(found).toHaveLength(1);
  return found[0] as [string, Yaml];
};

describe('ways of running Nabo', () => {
  it('when web and worker start from the Procfile, the image, compose or npm, then they run the same commands', () => {
    const processes = procfile();
    expect(Object.keys(processes).sort()).toEqual(['web', 'worker']);
    // Each command runs what the build compiles from a source file that exists.
    for (const command of Object.values(processes)) {
      const [, compiled = ''] = /^node (dist\/\S+)\.js$/.exec(command) ?? [];
      expect(existsSync(join(root, `${compiled.replace(/^dist\//, '')}.ts`))).toBe(true);
      expect(buildFolders).toContain(compiled.split('/')[1]);
    }

    expect(commandOf(services.web?.command)).toBe(processes.web);
    expect(commandOf(services.worker?.command)).toBe(processes.worker);
    const runtime = dockerfileStages().at(-1);
    const cmd = runtime?.instructions.filter((i) => i.keyword === 'CMD').at(-1);
    expect(commandOf(JSON.parse(cmd?.args ?? 'null'))).toBe(processes.web);
    expect(packageJson.scripts.start).toBe(processes.web);
    expect(packageJson.scripts.worker).toBe(processes.worker);
  });

  it('when the code reads an environment variable, then .env.example documents it', () => {
    const read = variablesTheCodeReads();
    expect(read).toEqual(expect.arrayContaining(['MONGODB_URI', 'MicrosoftAppType', 'PORT']));
    const documented = documentedVariables();
    expect(read.filter((name) => !documented.has(name))).toEqual([]);
  });

  it('when compose starts web and worker, then they run in production against its own MongoDB replica set and Redis', () => {
    const [mongoName, mongo] = serviceWithImage('mongo:');
    const [redisName, redis] = serviceWithImage('redis:');
    expect(mongo.image).toBe('mongo:7');
    expect(redis.image).toBe('redis:7');

    const mongoCommand = commandOf(mongo.command);
    const replicaSet = /--replSet\s+(\S+)/.exec(mongoCommand)?.[1];
    expect(replicaSet).toBeDefined();
    // The health check initiates the set with the member name clients are sent to.
    const mongoHealth = commandOf((mongo.healthcheck as Yaml).test);
    expect(mongoHealth).toContain('rs.initiate(');
    expect(mongoHealth).toContain(`_id: '${replicaSet}'`);
    expect(mongoHealth).toContain(`host: '${mongoName}:27017'`);
    expect(mongoHealth).toMatch(/isWritablePrimary\) quit\(1\)/);

    const redisCommand = commandOf(redis.command);
    expect(redisCommand).toMatch(/--maxmemory-policy noeviction\b/);
    expect(redisCommand).toMatch(/--appendonly yes\b/);
    expect(redis.volumes).toEqual([expect.stringMatching(/:\/data$/)]);
    expect(mongo.volumes).toEqual([expect.stringMatching(/:\/data\/db$/)]);

    const documented = documentedVariables();
    for (const name of ['web', 'worker']) {
      const service = services[name] as Yaml;
      const environment = service.environment as Record<string, string>;
      expect(environment.NODE_ENV).toBe('production');
      const mongoUri = new URL(environment.MONGODB_URI ?? '');
      expect(mongoUri.host).toBe(`${mongoName}:27017`);
      expect(mongoUri.pathname).toBe('/nabo');
      expect(mongoUri.searchParams.get('replicaSet')).toBe(replicaSet);
      expect(new URL(environment.REDIS_URL ?? '').host).toBe(`${redisName}:6379`);
      expect(service.depends_on).toEqual({
        [mongoName]: { condition: 'service_healthy' },
        [redisName]: { condition: 'service_healthy' },
      });
      expect(service.build).toBe('.');
      expect(Object.keys(environment).filter((key) => !documented.has(key))).toEqual([]);
    }
    const port = (services.web?.environment as Record<string, string>).PORT;
    expect(services.web?.ports).toEqual([`${port}:${port}`]);
    expect(commandOf((services.web?.healthcheck as Yaml).test)).toContain(
      `http://127.0.0.1:${port}/healthz`,
    );
  });

  it('when the image is built, then the runtime stage has production dependencies only, the compiled code, and a non-root user', () => {
    const stages = dockerfileStages();
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const [build, runtime] = [stages[0] as DockerStage, stages.at(-1) as DockerStage];
    const args = (stage: DockerStage, keyword: string) =>
      stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

    // The build stage compiles exactly the folders tsconfig.build.json compiles.
    const copied = args(build, 'COPY').map((source) => source.split(/\s+/)[0]);
    expect(copied).toEqual(expect.arrayContaining(buildFolders));
    expect(args(build, 'RUN')).toContain('npm ci --omit=dev --ignore-scripts --no-audit --no-fund');
    expect(args(build, 'RUN')).toContain('npm run build');

    expect(args(runtime, 'COPY')).toEqual(
      expect.arrayContaining([
        `--from=${build.name} /app/node_modules ./node_modules`,
        `--from=${build.name} /app/dist ./dist`,
      ]),
    );
    expect(args(runtime, 'ENV')).toContain('NODE_ENV=production');
    const user = args(runtime, 'USER').at(-1);
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);

    // The image runs a Node version CI tests on.
    const major = Number(/^node:(\d+)/.exec(runtime.image)?.[1]);
    expect(workflowNodeVersions()).toContain(major);
  });
});

const workflow = () => yamlFile('.github/workflows/ci.yml') as { jobs: Record<string, Yaml> };
const workflowNodeVersions = (): number[] =>
  ((workflow().jobs.test?.strategy as Yaml).matrix as { node: number[] }).node;

describe('CI workflow', () => {
  it('when the workflow is read, then it tests on Node 22 and 24 with lint, types and the whole suite against real MongoDB 7 and Redis 7', () => {
    const test = workflow().jobs.test as Yaml;
    const floor = Number(/^>=(\d+)/.exec(packageJson.engines.node)?.[1]);
    expect(floor).toBe(22);
    expect(workflowNodeVersions()).toEqual([22, 24]);
    expect(read('.nvmrc').trim()).toBe(String(floor));

    const jobServices = test.services as Record<string, { image: string; ports: string[] }>;
    expect(jobServices.mongo?.image).toBe('mongo:7');
    expect(jobServices.redis?.image).toBe('redis:7');

    const env = test.env as Record<string, string>;
    const mongoUri = new URL(env.MONGODB_URI ?? '');
    expect(['127.0.0.1', 'localhost']).toContain(mongoUri.hostname);
    expect(jobServices.mongo?.ports).toContain(`${mongoUri.port}:27017`);
    const redisUrl = new URL(env.REDIS_URL ?? '');
    expect(jobServices.redis?.ports).toContain(`${redisUrl.port}:6379`);

    const runs = (test.steps as Array<{ run?: string }>).flatMap((step) => step.run ?? []);
    expect(runs).toEqual(
      expect.arrayContaining([
        'npm ci',
        'npm run lint',
        'npm run format:check',
        'npm run typecheck',
        'npm test',
      ]),
    );
  });

  it('when .ci/run tests on a second Node version, then it is the newest one the workflow tests', () => {
    const second = /^SECOND_NODE_MAJOR=(\d+)$/m.exec(read('.ci/run'))?.[1];
    expect(Number(second)).toBe(Math.max(...workflowNodeVersions()));
  });
});
