import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { APP_NAMES, DEFAULT_HTTP_PORTS, SERVICE_NAMES, isServiceName, type AppName } from '@ecom/contracts';
import { BaseConfig, loadConfig, type ConfigClass } from '@ecom/platform';
import { parse, parseAllDocuments } from 'yaml';

// These tests read the deployment files as they are committed: a service dropped from compose, a probe on
// the wrong port or a setting missing from .env.example fails here instead of in a cluster.

const root = join(__dirname, '..', '..');

type YamlMap = Record<string, unknown>;

function isMap(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mapAt(value: unknown, where: string): YamlMap {
  if (!isMap(value)) throw new Error(`${where} must be a mapping`);

  return value;
}

function listAt(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${where} must be a list`);

  return value as unknown[];
}

function readText(path: string): string {
  return readFileSync(join(root, path), 'utf8');
}

// ---- config classes: the source of truth for setting names and defaults ----

function isConfigClass(value: unknown): value is ConfigClass<BaseConfig> {
  return typeof value === 'function' && value.prototype instanceof BaseConfig;
}

/** The config class exported by apps/<app>/src/config.ts (the path is built so that new apps are covered too). */
async function loadConfigClass(app: AppName): Promise<ConfigClass<BaseConfig>> {
  const exports: unknown = await import(join(root, 'apps', app, 'src', 'config'));
  const classes = Object.values(mapAt(exports, `apps/${app}/src/config.ts`)).filter(isConfigClass);
  const [configClass] = classes;
  if (!configClass || classes.length !== 1)
    throw new Error(`apps/${app}/src/config.ts must export one config class`);

  return configClass;
}

const configClasses = new Map<AppName, ConfigClass<BaseConfig>>();
/** Every setting any app reads, with its local default. */
const settingDefaults = new Map<string, unknown>();

beforeAll(async () => {
  for (const app of APP_NAMES) {
    const configClass = await loadConfigClass(app);
    configClasses.set(app, configClass);
    for (const [name, value] of Object.entries(new configClass())) {
      if (!settingDefaults.has(name)) settingDefaults.set(name, value);
    }
  }
});

function configClassOf(app: AppName): ConfigClass<BaseConfig> {
  const configClass = configClasses.get(app);
  if (!configClass) throw new Error(`no config class loaded for ${app}`);

  return configClass;
}

/** A default written the way an environment variable carries it (lists comma-separated, unset empty). */
function asEnvText(value: unknown): string {
  if (Array.isArray(value)) return value.map(asEnvText).join(',');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined || value === null) return '';

  return JSON.stringify(value);
}

// ---- docker-compose.yml ----

function composeServices(): YamlMap {
  // Compose resolves `<<` merge keys, which YAML 1.2 leaves to the parser's `merge` option.
  const compose: unknown = parse(readText('docker-compose.yml'), { merge: true });

  return mapAt(mapAt(compose, 'docker-compose.yml').services, 'services');
}

function composeService(name: string): YamlMap {
  return mapAt(composeServices()[name], `services.${name}`);
}

/** Environment of a compose service, whether written as a mapping or as a `NAME=value` list. */
function composeEnvironment(service: YamlMap): Record<string, string> {
  const environment: unknown = service.environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      (environment as unknown[]).map((entry) => {
        const [name, ...value] = String(entry).split('=');

        return [name ?? '', value.join('=')] as const;
      }),
    );
  }

  return Object.fromEntries(
    Object.entries(mapAt(environment, 'environment')).map(([name, value]) => [name, asEnvText(value)]),
  );
}

/** `${NAME:-default}` as compose expands it with NAME unset. */
function expandUnset(value: string): string {
  return value.replace(
    /\$\{[A-Z0-9_]+(?::?-([^}]*))?\}/g,
    (_match, fallback: string | undefined) => fallback ?? '',
  );
}

/** Services this one waits for, with the condition it waits on. */
function composeDependencies(service: YamlMap): Record<string, string> {
  const dependsOn = service.depends_on ?? {};
  if (Array.isArray(dependsOn)) {
    return Object.fromEntries(dependsOn.map((name) => [String(name), 'service_started']));
  }

  return Object.fromEntries(
    Object.entries(mapAt(dependsOn, 'depends_on')).map(([name, options]) => [
      name,
      asEnvText(mapAt(options, `depends_on.${name}`).condition),
    ]),
  );
}

function healthcheckTest(service: YamlMap, where: string): string {
  const test = mapAt(service.healthcheck, `${where}.healthcheck`).test;

  return Array.isArray(test) ? test.map(String).join(' ') : asEnvText(test);
}

describe('docker-compose.yml', () => {
  describe.each(APP_NAMES)('%s', (app) => {
    const port = DEFAULT_HTTP_PORTS[app];

    it('runs the shared image built from deploy/Dockerfile, started with its own name', () => {
      const service = composeService(app);
      const build = mapAt(service.build, `services.${app}.build`);

      expect(build.context).toBe('.');
      expect(build.dockerfile).toBe('deploy/Dockerfile');
      expect(service.command).toEqual([app]);
    });

    it('listens on its own port and reports healthy only when /health/ready there answers', () => {
      const service = composeService(app);

      expect(composeEnvironment(service).HTTP_PORT).toBe(String(port));
      expect(healthcheckTest(service, `services.${app}`)).toContain(`127.0.0.1:${port}/health/ready`);
    });

    it('runs in production with explicit NATS and, for services, Postgres settings', () => {
      const environment = composeEnvironment(composeService(app));

      expect(environment.NODE_ENV).toBe('production');
      expect(environment.NATS_URL).toMatch(/^nats:\/\/nats:4222$/);
      if (isServiceName(app)) {
        expect(environment.DATABASE_URL).toMatch(/^postgres:\/\/\w+:[^@]+@postgres:5432\/ecom$/);
      } else {
        expect(environment.DATABASE_URL).toBeUndefined();
      }
    });

    it('passes its own config check with that environment', () => {
      const environment = Object.fromEntries(
        Object.entries(composeEnvironment(composeService(app))).map(([name, value]) => [
          name,
          expandUnset(value),
        ]),
      );

      expect(() => loadConfig(configClassOf(app), environment, { HTTP_PORT: port })).not.toThrow();
    });

    it('starts only after what it needs is healthy', () => {
      const dependencies = composeDependencies(composeService(app));
      const needed = app === 'gateway' ? ['nats', 'redis', ...SERVICE_NAMES] : ['postgres', 'nats'];

      // Keyed by name so that a failure says which dependency is missing or not awaited.
      for (const name of needed) {
        expect({ [name]: dependencies[name] }).toEqual({ [name]: 'service_healthy' });
      }
    });
  });

  it('gives every service that others wait on a healthcheck', () => {
    const services = composeServices();
    const awaited = Object.entries(services).flatMap(([name, service]) =>
      Object.entries(composeDependencies(mapAt(service, `services.${name}`)))
        .filter(([, condition]) => condition === 'service_healthy')
        .map(([dependency]) => dependency),
    );

    for (const name of new Set(awaited)) {
      expect({ [name]: isMap(mapAt(services[name], name).healthcheck) }).toEqual({ [name]: true });
    }
  });

  it('publishes a host port for the gateway only, and NATS on loopback for npm start', () => {
    const publishing = Object.entries(composeServices())
      .filter(([name, service]) => mapAt(service, name).ports !== undefined)
      .map(([name]) => name);

    expect(publishing).toEqual(['nats', 'gateway']);
    expect(composeService('nats').ports).toEqual(['127.0.0.1:4222:4222']);
    expect(composeService('gateway').ports).toEqual([
      `${DEFAULT_HTTP_PORTS.gateway}:${DEFAULT_HTTP_PORTS.gateway}`,
    ]);
  });
});

// ---- .env.example ----

interface EnvExampleEntry {
  name: string;
  value: string;
}

/** `NAME=value` lines, and `#NAME=value` lines (documented, deliberately unset); any other line must be a comment. */
function readEnvExample(): EnvExampleEntry[] {
  const entries: EnvExampleEntry[] = [];
  for (const [index, line] of readText('.env.example').split('\n').entries()) {
    const assignment = /^#?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    const [, name, value] = assignment ?? [];
    if (name !== undefined && value !== undefined) {
      entries.push({ name, value });
    } else if (line.trim() !== '' && !line.startsWith('# ') && line !== '#') {
      throw new Error(`.env.example line ${index + 1} is neither a comment nor NAME=value: ${line}`);
    }
  }

  return entries;
}

describe('.env.example', () => {
  it('names only settings that some app reads', () => {
    const unknown = readEnvExample()
      .map((entry) => entry.name)
      .filter((name) => !settingDefaults.has(name));

    expect(unknown).toEqual([]);
  });

  it('names every setting of every app config class', () => {
    const listed = new Set(readEnvExample().map((entry) => entry.name));

    expect([...settingDefaults.keys()].filter((name) => !listed.has(name))).toEqual([]);
  });

  it('names each setting once', () => {
    const names = readEnvExample().map((entry) => entry.name);

    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });

  it('shows the local default of each setting', () => {
    const differing = readEnvExample()
      .filter((entry) => settingDefaults.has(entry.name))
      .filter((entry) => entry.value !== asEnvText(settingDefaults.get(entry.name)))
      .map((entry) => `${entry.name}=${entry.value} (default ${asEnvText(settingDefaults.get(entry.name))})`);

    expect(differing).toEqual([]);
  });
});

// ---- deploy/Dockerfile and deploy/docker-entrypoint.sh ----

interface DockerStage {
  name: string;
  lines: string[];
}

function dockerStages(): DockerStage[] {
  const stages: DockerStage[] = [];
  for (const line of readText('deploy/Dockerfile').split('\n')) {
    const current = stages.at(-1);
    if (/^FROM\s/i.test(line)) {
      const name = /\sAS\s+(\S+)/i.exec(line)?.[1];
      stages.push({ name: name ?? String(stages.length), lines: [] });
    } else if (current && line.trim() !== '' && !line.startsWith('#')) {
      current.lines.push(line.trim());
    }
  }

  return stages;
}

describe('deploy/Dockerfile', () => {
  it('runs the final stage as a non-root user', () => {
    const runtime = dockerStages().at(-1);
    const user = runtime?.lines.filter((line) => line.startsWith('USER ')).at(-1);

    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER\s+(root|0)(:|$)/);
  });

  it('ships node_modules from a production-only install', () => {
    const stages = dockerStages();
    const copy = stages.at(-1)?.lines.find((line) => /^COPY\s+--from=\S+\s+\S*node_modules/.test(line));
    const source = copy === undefined ? undefined : /--from=(\S+)/.exec(copy)?.[1];
    const install = stages
      .find((stage) => stage.name === source)
      ?.lines.find((line) => line.includes('npm ci'));

    expect(install).toContain('--omit=dev');
  });

  it('starts the gateway unless told which app to run', () => {
    const runtime = dockerStages().at(-1);

    expect(runtime?.lines).toContain('CMD ["gateway"]');
  });
});

describe('deploy/docker-entrypoint.sh', () => {
  let workdir: string;

  beforeAll(() => {
    // A stand-in for the image's /app: one built app that prints its arguments.
    workdir = mkdtempSync(join(tmpdir(), 'ecom-entrypoint-'));
    mkdirSync(join(workdir, 'dist', 'apps', 'wallet', 'src'), { recursive: true });
    writeFileSync(
      join(workdir, 'dist', 'apps', 'wallet', 'src', 'main.js'),
      "process.stdout.write(['wallet started', ...process.argv.slice(2)].join(' '));\n",
    );
  });

  afterAll(() => {
    rmSync(workdir, { recursive: true, force: true });
  });

  function runEntrypoint(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync('sh', [join(root, 'deploy', 'docker-entrypoint.sh'), ...args], {
      cwd: workdir,
      encoding: 'utf8',
    });

    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('starts the app named by its first argument', () => {
    const result = runEntrypoint('wallet');

    expect(result).toMatchObject({ status: 0, stdout: 'wallet started' });
  });

  it('refuses an unknown app and lists the apps it knows', () => {
    const result = runEntrypoint('billing');

    expect(result.status).toBe(64);
    expect(result.stderr).toContain("unknown app 'billing'");
    expect(result.stderr).toContain('wallet');
  });

  it('refuses a name that is not a plain word, so no other file can be run', () => {
    expect(runEntrypoint('../apps/wallet').status).toBe(64);
    expect(runEntrypoint().status).toBe(64);
  });
});

// ---- deploy/k8s ----

interface K8sObject {
  kind: string;
  name: string;
  body: YamlMap;
}

function kustomizeResources(): string[] {
  const kustomization = mapAt(parse(readText('deploy/k8s/kustomization.yaml')), 'kustomization.yaml');

  return listAt(kustomization.resources, 'resources').map(String);
}

function k8sObjects(): K8sObject[] {
  return kustomizeResources().flatMap((file) => {
    const documents = parseAllDocuments(readText(join('deploy', 'k8s', file)));
    if (!Array.isArray(documents)) return [];

    return documents.map((document) => {
      const [error] = document.errors;
      if (error) throw new Error(`deploy/k8s/${file}: ${error.message}`);
      const body = mapAt(document.toJS(), file);
      const metadata = mapAt(body.metadata, `${file} metadata`);

      return { kind: asEnvText(body.kind), name: asEnvText(metadata.name), body };
    });
  });
}

function k8sObject(kind: string, name: string): YamlMap {
  const found = k8sObjects().find((object) => object.kind === kind && object.name === name);
  if (!found) throw new Error(`deploy/k8s has no ${kind} ${name} listed in kustomization.yaml`);

  return found.body;
}

/** The single container of an app's Deployment. */
function appContainer(app: AppName): YamlMap {
  const spec = mapAt(k8sObject('Deployment', app).spec, `Deployment ${app} spec`);
  const podSpec = mapAt(mapAt(spec.template, 'template').spec, 'template.spec');
  const containers = listAt(podSpec.containers, 'containers');
  if (containers.length !== 1) throw new Error(`Deployment ${app} must have one container`);

  return mapAt(containers[0], 'container');
}

function probe(container: YamlMap, kind: string): { path: unknown; port: unknown } {
  const httpGet = mapAt(mapAt(container[kind], kind).httpGet, `${kind}.httpGet`);

  return { path: httpGet.path, port: httpGet.port };
}

describe('deploy/k8s', () => {
  describe.each(APP_NAMES)('%s', (app) => {
    const port = DEFAULT_HTTP_PORTS[app];

    it('runs the shared image as a Deployment on its own port', () => {
      const container = appContainer(app);
      const ports = listAt(container.ports, 'ports').map((entry) => mapAt(entry, 'port'));
      const env = listAt(container.env, 'env').map((entry) => mapAt(entry, 'env'));

      expect(container.image).toBe('ecom');
      expect(container.args).toEqual([app]);
      expect(ports).toContainEqual({ name: 'http', containerPort: port });
      expect(env).toContainEqual({ name: 'HTTP_PORT', value: String(port) });
    });

    it('checks liveness on /health and readiness on /health/ready', () => {
      const container = appContainer(app);

      expect(probe(container, 'livenessProbe')).toEqual({ path: '/health', port: 'http' });
      expect(probe(container, 'readinessProbe')).toEqual({ path: '/health/ready', port: 'http' });
    });

    it('runs as non-root on a read-only root filesystem and has 30 s to drain', () => {
      const spec = mapAt(
        mapAt(mapAt(k8sObject('Deployment', app).spec, 'spec').template, 'template').spec,
        'pod spec',
      );

      expect(mapAt(spec.securityContext, 'pod securityContext').runAsNonRoot).toBe(true);
      expect(
        mapAt(appContainer(app).securityContext, 'container securityContext').readOnlyRootFilesystem,
      ).toBe(true);
      expect(spec.terminationGracePeriodSeconds).toBe(30);
    });

    it('has a Service on its port', () => {
      const ports = listAt(mapAt(k8sObject('Service', app).spec, 'spec').ports, 'ports');

      expect(ports).toContainEqual({ name: 'http', port, targetPort: 'http' });
    });
  });

  it('scales the gateway Deployment with a HorizontalPodAutoscaler', () => {
    const spec = mapAt(k8sObject('HorizontalPodAutoscaler', 'gateway').spec, 'spec');

    expect(spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gateway' });
  });

  it('puts only settings the apps read in the ConfigMap', () => {
    const data = mapAt(k8sObject('ConfigMap', 'ecom-config').data, 'data');

    expect(Object.keys(data).filter((name) => !settingDefaults.has(name))).toEqual([]);
  });

  it('keeps only change-me placeholders in the Secret template, with every key a Deployment reads', () => {
    const secret = mapAt(k8sObject('Secret', 'ecom-secrets').stringData, 'stringData');
    const referenced = APP_NAMES.flatMap((app) =>
      listAt(appContainer(app).env, 'env')
        .map((entry) => mapAt(entry, 'env').valueFrom)
        .filter(isMap)
        .map((valueFrom) => mapAt(valueFrom.secretKeyRef, 'secretKeyRef').key),
    );

    expect(new Set(Object.values(secret))).toEqual(new Set(['change-me']));
    expect(referenced.filter((key) => !(asEnvText(key) in secret))).toEqual([]);
  });
});
