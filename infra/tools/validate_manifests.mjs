// Validates Kubernetes manifests against the Kubernetes OpenAPI schemas and the CRDs they use, with
// npm's kubernetes-models (ServiceMonitor from @kubernetes-models/prometheus-operator, Application
// from @kubernetes-models/argo-cd). A kind without a model is an error: an unknown kind is refused,
// not passed over.
//   kubectl kustomize DIR | node validate_manifests.mjs NAME      (multi-document YAML on stdin)
//   node validate_manifests.mjs --files FILE...                   (each file's documents)
//   node validate_manifests.mjs --self-test                       (proves a wrong type, a missing
//                                                                  required field and an unknown kind fail)
import { readFileSync } from "node:fs";
import yaml from "js-yaml";

const CRDS = {
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
  "argoproj.io": "@kubernetes-models/argo-cd",
};

async function modelOf(apiVersion, kind) {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const path = CRDS[group] ? `${CRDS[group]}/${apiVersion}/${kind}` : `kubernetes-models/${apiVersion}/${kind}`;
  try {
    const module = await import(path);
    return module[kind];
  } catch (e) {
    return undefined;
  }
}

/** The problems of one document, empty when it is valid. */
async function problems(doc) {
  if (!doc || typeof doc !== "object") return ["not an object"];
  if (!doc.apiVersion || !doc.kind) return ["no apiVersion or kind"];
  const Model = await modelOf(doc.apiVersion, doc.kind);
  if (!Model) return [`unknown kind ${doc.apiVersion} ${doc.kind}`];
  try {
    new Model(doc).validate();
    return [];
  } catch (e) {
    return [String(e.message).split("\n")[0]];
  }
}

async function check(name, docs) {
  let failed = 0;
  for (const doc of docs.filter((d) => d)) {
    const p = await problems(doc);
    const id = `${doc.kind || "?"} ${doc.metadata?.name || "?"}`;
    if (p.length) {
      console.log(`schema FAIL ${name}: ${id}: ${p.join("; ")}`);
      failed++;
    }
  }
  if (!failed) console.log(`schema ok  ${name}: ${docs.filter((d) => d).length} objects`);
  return failed;
}

async function selfTest() {
  const deployment = (spec) => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "t" }, spec });
  const template = { metadata: { labels: { app: "t" } }, spec: { containers: [{ name: "c", image: "i:1" }] } };
  const cases = [
    ["a valid Deployment", deployment({ selector: { matchLabels: { app: "t" } }, template }), null],
    ["a wrong type", deployment({ replicas: "three", selector: { matchLabels: { app: "t" } }, template }), /replicas must be integer/],
    ["a missing required field", deployment({ template }), /required property selector/],
    ["an unknown kind", { apiVersion: "sluice.dev/v1", kind: "Pipeline", metadata: { name: "t" } }, /unknown kind/],
    ["a CRD's wrong type", { apiVersion: "monitoring.coreos.com/v1", kind: "ServiceMonitor", metadata: { name: "t" },
      spec: { selector: {}, endpoints: "metrics" } }, /endpoints must be array/],
  ];
  let failed = 0;
  for (const [what, doc, expected] of cases) {
    const p = (await problems(doc)).join("; ");
    const ok = expected ? expected.test(p) : p === "";
    console.log(`self-test ${ok ? "ok  " : "FAIL"} ${what}: ${p || "valid"}`);
    if (!ok) failed++;
  }
  return failed;
}

const args = process.argv.slice(2);
let failed;
if (args[0] === "--self-test") {
  failed = await selfTest();
} else if (args[0] === "--files") {
  failed = 0;
  for (const f of args.slice(1)) failed += await check(f, yaml.loadAll(readFileSync(f, "utf8")));
} else {
  failed = await check(args[0] || "stdin", yaml.loadAll(readFileSync(0, "utf8")));
}
process.exit(failed ? 1 : 0);
