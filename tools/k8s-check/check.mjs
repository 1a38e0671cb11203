// Offline checks of rendered Kubernetes manifests (the output of `kubectl kustomize`):
//   1. every object validates against the Kubernetes API schemas (kubernetes-models; the External
//      Secrets Operator's for its kinds); a kind without a known schema is an error too;
//   2. the deployment policies below, each named, so that a test can break one and see it fail.
//
//   node check.mjs ENV FILE.yaml...     ENV: dev or prod; exit 1 and one line per finding
//   node check.mjs schemas FILE.yaml... schemas only (a fragment, like the ExternalSecret example)
//
// The policies (deploy/README.md "What was checked here"):
//   limits       every container (init containers too) has CPU and memory requests and limits
//   probes       every container has readiness and liveness probes; ours a startup probe too,
//                all three on the management port
//   restricted   Pod Security "restricted" for every pod; our services also a read-only root
//                filesystem with an emptyDir on /tmp, and no service account token
//   network      a default-deny policy (ingress and egress), and no Service port that no
//                NetworkPolicy lets anyone reach
//   routes       no Ingress or HTTPRoute path reaching /internal, /q or /admin, nor a management
//                port; TLS for every host
//   secrets      secret-looking variables only by reference to a Secret; in prod no Secret
//                object at all and no demo-only value anywhere
//   images       no :latest (nor an untagged image) anywhere; in prod every image by digest
//   config       (prod) every variable each service needs in production is given, none points at
//                a loopback address; an HPA of two or more replicas and a PDB for each service
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

// Our three services: their management ports and the variables production needs (README
// "Configuration", each application.properties: keys without a default, and the secrets each
// refuses to start without).
export const SERVICES = {
  "tracking-service": {
    management: 9080,
    required: [
      "QUARKUS_HTTP_HOST", "QUARKUS_MANAGEMENT_HOST", "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
      "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_FLYWAY_USERNAME", "QUARKUS_FLYWAY_PASSWORD", "QUARKUS_REDIS_HOSTS",
      "QUARKUS_OIDC_AUTH_SERVER_URL", "TRACKGUARD_TRACKING_TRUSTED_PROXIES", "TRACKGUARD_TRACKING_PSEUDONYM_KEY",
      "TRACKGUARD_RECIPIENT_SIGNING_KEY", "TRACKGUARD_RATELIMIT_FLAG_PREFIX",
    ],
  },
  "partner-gateway": {
    management: 9081,
    required: [
      "QUARKUS_HTTP_HOST", "QUARKUS_MANAGEMENT_HOST", "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
      "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_REDIS_HOSTS", "QUARKUS_OIDC_AUTH_SERVER_URL",
      "QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL", "QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET", "QUARKUS_REST_CLIENT_TRACKING_SERVICE_URL",
      "QUARKUS_REST_CLIENT_KEYCLOAK_URL", "TRACKGUARD_GATEWAY_KEYCLOAK_CLIENT_SECRET", "TRACKGUARD_GATEWAY_WEBHOOK_SECRET_KEY",
      "TRACKGUARD_RATELIMIT_FLAG_PREFIX",
    ],
  },
  "notification-service": {
    management: 9082,
    required: [
      "QUARKUS_HTTP_HOST", "QUARKUS_MANAGEMENT_HOST", "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
      "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_REDIS_HOSTS", "QUARKUS_OIDC_AUTH_SERVER_URL",
      "QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL", "QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET",
      "QUARKUS_REST_CLIENT_TRACKING_SERVICE_URL", "QUARKUS_REST_CLIENT_PARTNER_GATEWAY_URL",
      "QUARKUS_MAILER_HOST", "QUARKUS_MAILER_PORT", "QUARKUS_MAILER_START_TLS",
      "TRACKGUARD_NOTIFY_DELIVERY_FROM", "TRACKGUARD_NOTIFY_DELIVERY_PUBLIC_BASE_URL",
      "TRACKGUARD_NOTIFY_ORGANISATION_PRIVACY_EMAIL", "TRACKGUARD_NOTIFY_ORGANISATION_CONTACT_NAME",
      "TRACKGUARD_NOTIFY_CLOCK_OFFICERS_EMAIL",
    ],
  },
};

const FORBIDDEN_PATHS = ["/internal", "/q", "/admin"];
// A variable whose name says it holds a secret (key ids, like *_KEY_ID, do not).
const SECRET_NAME = /(PASSWORD|SECRET|_KEY|TOKEN|CREDENTIALS?)$/i;
const WORKLOADS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"]);
const RESTRICTED_VOLUMES = new Set(["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"]);

export function readObjects(files) {
  const objects = [];
  for (const file of files) {
    for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
      const o = doc.toJS();
      if (o) objects.push(o);
    }
  }
  return objects;
}

const id = (o) => `${o.kind}/${o.metadata?.name}`;

// ---- 1. schemas ------------------------------------------------------------------------------

const MODULES = {
  "external-secrets.io": "@kubernetes-models/external-secrets/external-secrets.io",
};

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const path = group === "" ? `kubernetes-models/${version}` : `${MODULES[group] ?? `kubernetes-models/${group}`}/${version}`;
  try {
    const mod = await import(path);
    return mod[kind];
  } catch {
    return undefined;
  }
}

export async function schemaFindings(objects) {
  const findings = [];
  for (const o of objects) {
    const Model = o.apiVersion && o.kind ? await modelFor(o.apiVersion, o.kind) : undefined;
    if (!Model) {
      findings.push(`schema: ${id(o)}: no schema known for ${o.apiVersion} ${o.kind}`);
      continue;
    }
    try {
      new Model(o).validate();
    } catch (e) {
      findings.push(`schema: ${id(o)}: ${e.message}`);
    }
  }
  return findings;
}

// ---- 2. policies -----------------------------------------------------------------------------

function podSpecOf(o) {
  if (o.kind === "Pod") return o.spec;
  if (o.kind === "CronJob") return o.spec?.jobTemplate?.spec?.template?.spec;
  return o.spec?.template?.spec;
}

function podLabelsOf(o) {
  if (o.kind === "Pod") return o.metadata?.labels ?? {};
  if (o.kind === "CronJob") return o.spec?.jobTemplate?.spec?.template?.metadata?.labels ?? {};
  return o.spec?.template?.metadata?.labels ?? {};
}

const workloads = (objects) => objects.filter((o) => WORKLOADS.has(o.kind) && podSpecOf(o));
const serviceName = (o) => (o.kind === "Deployment" && SERVICES[o.metadata?.name] ? o.metadata.name : null);

function allContainers(spec) {
  return [
    ...(spec.initContainers ?? []).map((c) => ({ c, init: true })),
    ...(spec.containers ?? []).map((c) => ({ c, init: false })),
  ];
}

function limits(objects) {
  const f = [];
  for (const w of workloads(objects)) {
    for (const { c } of allContainers(podSpecOf(w))) {
      for (const kind of ["requests", "limits"]) {
        for (const r of ["cpu", "memory"]) {
          if (!c.resources?.[kind]?.[r]) f.push(`limits: ${id(w)} container ${c.name} has no ${r} ${kind}`);
        }
      }
    }
  }
  return f;
}

function portNumber(c, port) {
  if (typeof port === "number") return port;
  return (c.ports ?? []).find((p) => p.name === port)?.containerPort;
}

function probes(objects) {
  const f = [];
  for (const w of workloads(objects)) {
    const svc = serviceName(w);
    for (const c of podSpecOf(w).containers ?? []) {
      const kinds = svc ? ["startupProbe", "readinessProbe", "livenessProbe"] : ["readinessProbe", "livenessProbe"];
      for (const p of kinds) {
        if (!c[p]) {
          f.push(`probes: ${id(w)} container ${c.name} has no ${p}`);
        } else if (svc) {
          const port = c[p].httpGet ? portNumber(c, c[p].httpGet.port) : undefined;
          if (port !== SERVICES[svc].management) f.push(`probes: ${id(w)} ${p} is not on the management port ${SERVICES[svc].management}`);
        }
      }
    }
  }
  return f;
}

function restricted(objects) {
  const f = [];
  for (const w of workloads(objects)) {
    const spec = podSpecOf(w);
    const psc = spec.securityContext ?? {};
    const bad = (msg) => f.push(`restricted: ${id(w)} ${msg}`);
    if (spec.hostNetwork || spec.hostPID || spec.hostIPC) bad("shares a host namespace");
    for (const v of spec.volumes ?? []) {
      const type = Object.keys(v).find((k) => k !== "name");
      if (!RESTRICTED_VOLUMES.has(type)) bad(`volume ${v.name} of type ${type}`);
    }
    if (psc.runAsUser === 0) bad("runs as user 0");
    for (const { c } of allContainers(spec)) {
      const sc = c.securityContext ?? {};
      const who = `container ${c.name}`;
      if (sc.privileged) bad(`${who} is privileged`);
      if (sc.allowPrivilegeEscalation !== false) bad(`${who} does not set allowPrivilegeEscalation: false`);
      if ((sc.runAsNonRoot ?? psc.runAsNonRoot) !== true) bad(`${who} does not set runAsNonRoot: true`);
      if (sc.runAsUser === 0) bad(`${who} runs as user 0`);
      const seccomp = (sc.seccompProfile ?? psc.seccompProfile)?.type;
      if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost") bad(`${who} has no RuntimeDefault or Localhost seccomp profile`);
      if (!(sc.capabilities?.drop ?? []).includes("ALL")) bad(`${who} does not drop ALL capabilities`);
      for (const cap of sc.capabilities?.add ?? []) if (cap !== "NET_BIND_SERVICE") bad(`${who} adds capability ${cap}`);
      for (const p of c.ports ?? []) if (p.hostPort) bad(`${who} uses host port ${p.hostPort}`);
    }
    if (serviceName(w)) {
      for (const c of spec.containers) {
        if (c.securityContext?.readOnlyRootFilesystem !== true) bad(`container ${c.name} has a writable root filesystem`);
        const tmp = (c.volumeMounts ?? []).find((m) => m.mountPath === "/tmp");
        const vol = tmp && (spec.volumes ?? []).find((v) => v.name === tmp.name);
        if (!vol?.emptyDir) bad(`container ${c.name} has no emptyDir on /tmp`);
      }
      if (spec.automountServiceAccountToken !== false) bad("mounts a service account token");
    }
  }
  return f;
}

function selects(selector, labels) {
  if (!selector) return false;
  const ml = selector.matchLabels ?? {};
  if (!Object.entries(ml).every(([k, v]) => labels[k] === v)) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    if (e.operator === "In" && !(has && e.values.includes(labels[e.key]))) return false;
    if (e.operator === "NotIn" && has && e.values.includes(labels[e.key])) return false;
    if (e.operator === "Exists" && !has) return false;
    if (e.operator === "DoesNotExist" && has) return false;
  }
  return true;
}

function network(objects) {
  const f = [];
  const policies = objects.filter((o) => o.kind === "NetworkPolicy");
  const denyAll = policies.some((p) => Object.keys(p.spec?.podSelector ?? {}).length === 0
    && (p.spec.policyTypes ?? []).includes("Ingress") && (p.spec.policyTypes ?? []).includes("Egress")
    && !(p.spec.ingress ?? []).length && !(p.spec.egress ?? []).length);
  if (!denyAll) f.push("network: no default-deny NetworkPolicy (all pods, ingress and egress, no rule)");
  const pods = workloads(objects);
  for (const s of objects.filter((o) => o.kind === "Service")) {
    const targets = pods.filter((w) => s.spec?.selector && selects({ matchLabels: s.spec.selector }, podLabelsOf(w)));
    for (const sp of s.spec?.ports ?? []) {
      for (const w of targets) {
        const containers = podSpecOf(w).containers ?? [];
        const target = sp.targetPort ?? sp.port;
        const number = typeof target === "number" ? target
          : containers.map((c) => portNumber(c, target)).find((n) => n !== undefined);
        const allowed = policies.some((p) => selects(p.spec?.podSelector, podLabelsOf(w))
          && (p.spec.ingress ?? []).some((rule) => !rule.ports || rule.ports.some((rp) => rp.port === number || rp.port === target)));
        if (!allowed) f.push(`network: Service/${s.metadata.name} port ${sp.port} reaches ${id(w)} port ${number}, which no NetworkPolicy allows`);
      }
    }
  }
  return f;
}

function routePaths(o) {
  if (o.kind === "Ingress") {
    return (o.spec?.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => ({
      path: p.path ?? "/", type: p.pathType, service: p.backend?.service?.name, port: p.backend?.service?.port,
    })));
  }
  if (o.kind === "HTTPRoute") {
    return (o.spec?.rules ?? []).flatMap((r) => (r.matches?.length ? r.matches : [{ path: { type: "PathPrefix", value: "/" } }])
      .flatMap((m) => (r.backendRefs ?? [{}]).map((b) => ({
        path: m.path?.value ?? "/", type: m.path?.type === "Exact" ? "Exact" : "Prefix", service: b.name, port: b.port,
      }))));
  }
  return [];
}

// Whether a route of this path and type answers some request under `forbidden` (e.g. /internal).
export function reaches(path, type, forbidden) {
  if (path === forbidden || path.startsWith(`${forbidden}/`)) return true;
  if (type === "Exact") return false;
  // A prefix (or a regular expression, taken as a prefix) reaches everything below it.
  const base = path.endsWith("/") ? path : `${path}/`;
  return `${forbidden}/`.startsWith(base) || /[*^$(|]/.test(path);
}

function routes(objects) {
  const f = [];
  const services = new Map(objects.filter((o) => o.kind === "Service").map((s) => [s.metadata.name, s]));
  const pods = workloads(objects);
  for (const o of objects.filter((x) => x.kind === "Ingress" || x.kind === "HTTPRoute")) {
    for (const r of routePaths(o)) {
      for (const forbidden of FORBIDDEN_PATHS) {
        if (reaches(r.path, r.type, forbidden)) f.push(`routes: ${id(o)} path ${r.path} (${r.type}) reaches ${forbidden}/*`);
      }
      const s = services.get(r.service);
      const sp = s && (s.spec.ports ?? []).find((p) => (typeof r.port === "object" ? p.name === r.port.name || p.port === r.port.number : p.port === r.port));
      if (sp) {
        for (const w of pods.filter((x) => selects({ matchLabels: s.spec.selector }, podLabelsOf(x)))) {
          const svc = w.kind === "Deployment" && SERVICES[w.metadata.name];
          const target = sp.targetPort ?? sp.port;
          const number = typeof target === "number" ? target : (podSpecOf(w).containers ?? []).map((c) => portNumber(c, target)).find(Boolean);
          if (svc && number === svc.management) f.push(`routes: ${id(o)} path ${r.path} reaches the management port of ${w.metadata.name}`);
        }
      }
    }
    if (o.kind === "Ingress") {
      const tlsHosts = new Set((o.spec?.tls ?? []).flatMap((t) => t.hosts ?? []));
      for (const rule of o.spec?.rules ?? []) {
        if (!rule.host || !tlsHosts.has(rule.host)) f.push(`routes: ${id(o)} host ${rule.host ?? "(any)"} has no TLS`);
      }
    }
  }
  return f;
}

function envOf(objects, w) {
  const c = podSpecOf(w).containers[0];
  const vars = new Map();
  for (const from of c.envFrom ?? []) {
    const cm = from.configMapRef && objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === from.configMapRef.name);
    for (const [k, v] of Object.entries(cm?.data ?? {})) vars.set(k, { value: v });
  }
  for (const e of c.env ?? []) vars.set(e.name, e.valueFrom ? { ref: e.valueFrom } : { value: e.value });
  return vars;
}

function secrets(objects, env) {
  const f = [];
  for (const w of workloads(objects)) {
    for (const { c } of allContainers(podSpecOf(w))) {
      for (const e of c.env ?? []) {
        if (SECRET_NAME.test(e.name) && !e.valueFrom?.secretKeyRef) f.push(`secrets: ${id(w)} sets ${e.name} other than from a Secret`);
      }
    }
  }
  for (const cm of objects.filter((o) => o.kind === "ConfigMap")) {
    for (const k of Object.keys(cm.data ?? {})) if (SECRET_NAME.test(k)) f.push(`secrets: ConfigMap/${cm.metadata.name} holds ${k}`);
  }
  if (env === "prod") {
    for (const s of objects.filter((o) => o.kind === "Secret")) f.push(`secrets: ${id(s)} is a literal secret in prod`);
    const text = JSON.stringify(objects);
    const decoded = objects.filter((o) => o.kind === "Secret")
      .flatMap((s) => Object.values(s.data ?? {}).map((v) => Buffer.from(String(v), "base64").toString("utf8")));
    if (/demo-only/i.test(text) || decoded.some((v) => /demo-only/i.test(v))) f.push("secrets: a demo-only value in prod");
  }
  return f;
}

function images(objects, env) {
  const f = [];
  for (const w of workloads(objects)) {
    for (const { c } of allContainers(podSpecOf(w))) {
      const image = c.image ?? "";
      const [name, digest] = image.split("@");
      const lastPart = name.split("/").pop();
      const tag = lastPart.includes(":") ? lastPart.split(":").pop() : undefined;
      if (tag === "latest" || (!tag && !digest)) f.push(`images: ${id(w)} container ${c.name} uses ${image || "no image"} (latest)`);
      if (env === "prod" && !/^sha256:[0-9a-f]{64}$/.test(digest ?? "")) f.push(`images: ${id(w)} container ${c.name} is not by digest: ${image}`);
    }
  }
  return f;
}

function config(objects, env) {
  if (env !== "prod") return [];
  const f = [];
  for (const [name, svc] of Object.entries(SERVICES)) {
    const w = objects.find((o) => o.kind === "Deployment" && o.metadata.name === name);
    if (!w) {
      f.push(`config: no Deployment ${name}`);
      continue;
    }
    const vars = envOf(objects, w);
    for (const k of svc.required) if (!vars.has(k) || vars.get(k).value === "") f.push(`config: ${name} lacks ${k}`);
    for (const [k, v] of vars) {
      if (v.value && /(127\.0\.0\.1|localhost|\[::1\])/.test(v.value)) f.push(`config: ${name} ${k} points at a loopback address`);
    }
    // The HPA owns the count; a replicas field, if any, must not say less.
    if (w.spec.replicas !== undefined && w.spec.replicas < 2) f.push(`config: ${name} has fewer than 2 replicas`);
    const hpa = objects.find((o) => o.kind === "HorizontalPodAutoscaler" && o.spec?.scaleTargetRef?.name === name);
    if (!hpa) f.push(`config: ${name} has no HorizontalPodAutoscaler`);
    else if ((hpa.spec.minReplicas ?? 1) < 2) f.push(`config: ${name}'s HPA may scale below 2`);
    if (!objects.some((o) => o.kind === "PodDisruptionBudget" && selects(o.spec?.selector, podLabelsOf(w)))) {
      f.push(`config: ${name} has no PodDisruptionBudget`);
    }
  }
  return f;
}

export function policyFindings(objects, env) {
  return [
    ...limits(objects), ...probes(objects), ...restricted(objects), ...network(objects),
    ...routes(objects), ...secrets(objects, env), ...images(objects, env), ...config(objects, env),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [env, ...files] = process.argv.slice(2);
  if (!["dev", "prod", "schemas"].includes(env) || !files.length) {
    console.error("usage: node check.mjs dev|prod|schemas FILE.yaml...");
    process.exit(2);
  }
  const objects = readObjects(files);
  const findings = [...(await schemaFindings(objects)), ...(env === "schemas" ? [] : policyFindings(objects, env))];
  const kinds = {};
  for (const o of objects) kinds[o.kind] = (kinds[o.kind] ?? 0) + 1;
  console.log(`${env}: ${objects.length} objects (${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(", ")})`);
  for (const x of findings) console.log(`  ${x}`);
  console.log(findings.length ? `${env}: ${findings.length} finding(s)` : `${env}: schemas valid${env === "schemas" ? "" : ", every policy holds"}`);
  process.exit(findings.length ? 1 : 0);
}
