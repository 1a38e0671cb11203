// Each policy of check.mjs broken once, on the real rendered overlays: the unbroken render passes,
// and each fixture (the render with one thing broken) fails with that policy's finding.
//   node --test tools/k8s-check/test/     (scripts/k8s-check.sh runs it)
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { parseAllDocuments } from "yaml";
import { policyFindings, reaches, schemaFindings } from "../check.mjs";

const OVERLAYS = join(dirname(fileURLToPath(import.meta.url)), "../../../deploy/k8s/overlays");
const rendered = {};
function render(env) {
  rendered[env] ??= execFileSync("kubectl", ["kustomize", join(OVERLAYS, env)], { encoding: "utf8" });
  return parseAllDocuments(rendered[env]).map((d) => d.toJS()).filter(Boolean);
}

const find = (objects, kind, name) => {
  const o = objects.find((x) => x.kind === kind && x.metadata.name.startsWith(name));
  assert.ok(o, `${kind}/${name} in the render`);
  return o;
};
const container = (objects, name) => find(objects, "Deployment", name).spec.template.spec.containers[0];
const configMap = (objects, name) => find(objects, "ConfigMap", name).data;

// Breaks the render of ENV with BREAK, and expects a finding of POLICY that matches TEXT.
function fails(env, policy, text, breakIt) {
  const objects = render(env);
  breakIt(objects);
  const findings = policyFindings(objects, env);
  assert.ok(findings.some((f) => f.startsWith(`${policy}:`) && f.includes(text)),
    `expected a ${policy} finding with "${text}", got:\n${findings.join("\n") || "(none)"}`);
}

for (const env of ["dev", "prod"]) {
  test(`${env}: the render validates against the API schemas and meets every policy`, async () => {
    const objects = render(env);
    assert.deepEqual(await schemaFindings(objects), []);
    assert.deepEqual(policyFindings(objects, env), []);
  });
}

test("schemas: a wrongly typed field and an unknown kind are refused", async () => {
  const objects = render("prod");
  container(objects, "partner-gateway").ports[0].containerPort = "8081";
  objects.push({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } });
  const findings = await schemaFindings(objects);
  assert.ok(findings.some((f) => f.includes("Deployment/partner-gateway") && f.includes("containerPort must be integer")), findings.join("\n"));
  assert.ok(findings.some((f) => f.includes("no schema known for example.com/v1 Widget")), findings.join("\n"));
});

test("limits: a container without a memory limit", () =>
  fails("prod", "limits", "partner-gateway container partner-gateway has no memory limits",
    (o) => delete container(o, "partner-gateway").resources.limits.memory));

test("limits: an init container without limits", () =>
  fails("dev", "limits", "keycloak container require-env has no cpu limits",
    (o) => delete find(o, "Deployment", "keycloak").spec.template.spec.initContainers[0].resources.limits));

test("probes: a container without a readiness probe", () =>
  fails("prod", "probes", "tracking-service container tracking-service has no readinessProbe",
    (o) => delete container(o, "tracking-service").readinessProbe));

test("probes: a liveness probe on the API port instead of the management port", () =>
  fails("dev", "probes", "livenessProbe is not on the management port 9082",
    (o) => { container(o, "notification-service").livenessProbe.httpGet.port = "http"; }));

test("probes: a backing service without a liveness probe", () =>
  fails("dev", "probes", "StatefulSet/redis container redis has no livenessProbe",
    (o) => delete find(o, "StatefulSet", "redis").spec.template.spec.containers[0].livenessProbe));

test("restricted: privilege escalation allowed", () =>
  fails("prod", "restricted", "does not set allowPrivilegeEscalation: false",
    (o) => { container(o, "tracking-service").securityContext.allowPrivilegeEscalation = true; }));

test("restricted: capabilities not dropped", () =>
  fails("dev", "restricted", "smtp-catcher container maildev does not drop ALL capabilities",
    (o) => delete find(o, "Deployment", "smtp-catcher").spec.template.spec.containers[0].securityContext.capabilities));

test("restricted: an added capability", () =>
  fails("dev", "restricted", "adds capability NET_ADMIN",
    (o) => { find(o, "StatefulSet", "postgresql").spec.template.spec.containers[0].securityContext.capabilities.add = ["NET_ADMIN"]; }));

test("restricted: no seccomp profile", () =>
  fails("prod", "restricted", "has no RuntimeDefault or Localhost seccomp profile", (o) => {
    const d = find(o, "Deployment", "partner-gateway");
    delete d.spec.template.spec.securityContext.seccompProfile;
    delete d.spec.template.spec.containers[0].securityContext.seccompProfile;
  }));

test("restricted: running as root", () =>
  fails("dev", "restricted", "StatefulSet/redis runs as user 0",
    (o) => { find(o, "StatefulSet", "redis").spec.template.spec.securityContext.runAsUser = 0; }));

test("restricted: runAsNonRoot missing", () =>
  fails("dev", "restricted", "keycloak does not set runAsNonRoot: true", (o) => {
    const spec = find(o, "Deployment", "keycloak").spec.template.spec;
    delete spec.securityContext.runAsNonRoot;
    delete spec.containers[0].securityContext.runAsNonRoot;
  }));

test("restricted: a hostPath volume", () =>
  fails("prod", "restricted", "volume host of type hostPath",
    (o) => find(o, "Deployment", "tracking-service").spec.template.spec.volumes.push({ name: "host", hostPath: { path: "/" } })));

test("restricted: a service with a writable root filesystem", () =>
  fails("prod", "restricted", "container notification-service has a writable root filesystem",
    (o) => { container(o, "notification-service").securityContext.readOnlyRootFilesystem = false; }));

test("restricted: a service without its /tmp emptyDir", () =>
  fails("dev", "restricted", "container tracking-service has no emptyDir on /tmp",
    (o) => { container(o, "tracking-service").volumeMounts = []; }));

test("restricted: a service that mounts a service account token", () =>
  fails("prod", "restricted", "Deployment/partner-gateway mounts a service account token",
    (o) => delete find(o, "Deployment", "partner-gateway").spec.template.spec.automountServiceAccountToken));

test("network: no default-deny policy", () =>
  fails("prod", "network", "no default-deny NetworkPolicy",
    (o) => o.splice(o.indexOf(find(o, "NetworkPolicy", "default-deny")), 1)));

test("network: a Service whose pods no policy lets anyone reach", () =>
  fails("prod", "network", "Service/tracking-service port 8080 reaches Deployment/tracking-service port 8080",
    (o) => o.splice(o.indexOf(find(o, "NetworkPolicy", "tracking-service")), 1)));

test("network: a Service port that no policy allows (a debug port)", () =>
  fails("dev", "network", "Service/partner-gateway port 5005 reaches Deployment/partner-gateway port 5005", (o) => {
    container(o, "partner-gateway").ports.push({ name: "debug", containerPort: 5005 });
    find(o, "Service", "partner-gateway").spec.ports.push({ name: "debug", port: 5005, targetPort: "debug" });
  }));

test("network: a dev backing service without its policy", () =>
  fails("dev", "network", "Service/postgresql port 5432",
    (o) => o.splice(o.indexOf(o.find((x) => x.kind === "NetworkPolicy" && x.metadata.name === "postgresql")), 1)));

const ingressPaths = (o) => find(o, "Ingress", "trackguard").spec.rules[0].http.paths;
const gatewayBackend = { service: { name: "partner-gateway", port: { name: "http" } } };

test("routes: a route to /internal", () =>
  fails("prod", "routes", "path /internal/v1/exposures (Prefix) reaches /internal/*",
    (o) => ingressPaths(o).push({ path: "/internal/v1/exposures", pathType: "Prefix", backend: gatewayBackend })));

test("routes: a route to /q", () =>
  fails("dev", "routes", "path /q/health (Exact) reaches /q/*",
    (o) => ingressPaths(o).push({ path: "/q/health", pathType: "Exact", backend: gatewayBackend })));

test("routes: the home page as a prefix reaches everything, /admin too", () =>
  fails("prod", "routes", "path / (Prefix) reaches /admin/*",
    (o) => { ingressPaths(o)[0].pathType = "Prefix"; }));

test("routes: an HTTPRoute to /admin", () =>
  fails("prod", "routes", "HTTPRoute/partners path /admin/v1/partners (Prefix) reaches /admin/*", (o) => o.push({
    apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "partners" },
    spec: { rules: [{ matches: [{ path: { type: "PathPrefix", value: "/admin/v1/partners" } }], backendRefs: [{ name: "partner-gateway", port: 8081 }] }] },
  })));

test("routes: a route to a management port", () =>
  fails("prod", "routes", "reaches the management port of tracking-service", (o) => {
    find(o, "Service", "tracking-service").spec.ports.push({ name: "management", port: 9080, targetPort: "management" });
    ingressPaths(o).push({ path: "/metrics", pathType: "Exact", backend: { service: { name: "tracking-service", port: { name: "management" } } } });
  }));

test("routes: a host without TLS", () =>
  fails("prod", "routes", "host partners.trackguard.example has no TLS",
    (o) => { find(o, "Ingress", "trackguard").spec.tls.pop(); }));

test("routes: which paths reach which", () => {
  assert.equal(reaches("/", "Exact", "/internal"), false);
  assert.equal(reaches("/", "Prefix", "/internal"), true);
  assert.equal(reaches("/api/v1", "Prefix", "/internal"), false);
  assert.equal(reaches("/internal", "Exact", "/internal"), true);
  assert.equal(reaches("/qa", "Prefix", "/q"), false);
  assert.equal(reaches("/q/health/ready", "Exact", "/q"), true);
  assert.equal(reaches("/(.*)", "ImplementationSpecific", "/q"), true);
});

test("secrets: a password as a literal value", () =>
  fails("dev", "secrets", "Deployment/tracking-service sets QUARKUS_DATASOURCE_PASSWORD other than from a Secret", (o) => {
    const env = container(o, "tracking-service").env;
    env.find((e) => e.name === "QUARKUS_DATASOURCE_PASSWORD").valueFrom = undefined;
    env.find((e) => e.name === "QUARKUS_DATASOURCE_PASSWORD").value = "s3cret-s3cret-s3cret";
  }));

test("secrets: a key in a ConfigMap", () =>
  fails("prod", "secrets", "holds TRACKGUARD_RECIPIENT_SIGNING_KEY",
    (o) => { configMap(o, "tracking-service").TRACKGUARD_RECIPIENT_SIGNING_KEY = "x".repeat(40); }));

test("secrets: a Secret object in prod", () =>
  fails("prod", "secrets", "Secret/redis-credentials is a literal secret in prod", (o) => o.push({
    apiVersion: "v1", kind: "Secret", metadata: { name: "redis-credentials" }, data: { password: Buffer.from("p".repeat(20)).toString("base64") },
  })));

test("secrets: demo-only in prod", () =>
  fails("prod", "secrets", "a demo-only value in prod",
    (o) => { configMap(o, "notification-service").TRACKGUARD_NOTIFY_ORGANISATION_CONTACT_NAME = "demo-only officer"; }));

test("secrets: demo-only is the dev overlay's own business", () => {
  const findings = policyFindings(render("dev"), "dev");
  assert.ok(rendered.dev.includes("ZGVtby1vbmx5"), "the dev render carries its demo secrets (base64)");
  assert.deepEqual(findings.filter((f) => f.startsWith("secrets:")), []);
});

test("images: :latest anywhere", () =>
  fails("dev", "images", "smtp-catcher container maildev uses docker.io/maildev/maildev:latest",
    (o) => { find(o, "Deployment", "smtp-catcher").spec.template.spec.containers[0].image = "docker.io/maildev/maildev:latest"; }));

test("images: an image without a tag is latest too", () =>
  fails("dev", "images", "uses registry.trackguard.example/trackguard/tracking-service (latest)",
    (o) => { container(o, "tracking-service").image = "registry.trackguard.example/trackguard/tracking-service"; }));

test("images: an image by tag in prod", () =>
  fails("prod", "images", "partner-gateway is not by digest: registry.trackguard.example/trackguard/partner-gateway:1.0.0",
    (o) => { container(o, "partner-gateway").image = "registry.trackguard.example/trackguard/partner-gateway:1.0.0"; }));

test("config: a variable production needs is missing", () =>
  fails("prod", "config", "notification-service lacks TRACKGUARD_NOTIFY_DELIVERY_FROM",
    (o) => delete configMap(o, "notification-service").TRACKGUARD_NOTIFY_DELIVERY_FROM));

test("config: a secret production needs is missing", () =>
  fails("prod", "config", "partner-gateway lacks TRACKGUARD_GATEWAY_WEBHOOK_SECRET_KEY", (o) => {
    const c = container(o, "partner-gateway");
    c.env = c.env.filter((e) => e.name !== "TRACKGUARD_GATEWAY_WEBHOOK_SECRET_KEY");
  }));

test("config: a loopback address in prod", () =>
  fails("prod", "config", "tracking-service QUARKUS_REDIS_HOSTS points at a loopback address",
    (o) => { configMap(o, "tracking-service").QUARKUS_REDIS_HOSTS = "redis://127.0.0.1:6379"; }));

test("config: one replica in prod", () =>
  fails("prod", "config", "partner-gateway has fewer than 2 replicas",
    (o) => { find(o, "Deployment", "partner-gateway").spec.replicas = 1; }));

test("config: an HPA that scales below two in prod", () =>
  fails("prod", "config", "notification-service's HPA may scale below 2",
    (o) => { find(o, "HorizontalPodAutoscaler", "notification-service").spec.minReplicas = 1; }));

test("config: no HPA in prod", () =>
  fails("prod", "config", "tracking-service has no HorizontalPodAutoscaler",
    (o) => o.splice(o.indexOf(find(o, "HorizontalPodAutoscaler", "tracking-service")), 1)));

test("config: no PodDisruptionBudget in prod", () =>
  fails("prod", "config", "tracking-service has no PodDisruptionBudget",
    (o) => o.splice(o.indexOf(find(o, "PodDisruptionBudget", "tracking-service")), 1)));
