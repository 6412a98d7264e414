"""Checks rendered Kubernetes manifests (kubectl kustomize output on stdin).

Every document needs apiVersion, kind and metadata.name, of a kind we deploy; every container an
image pinned to a tag or digest (never `latest`), resource requests and a memory limit, and a
security context that forbids privilege escalation; every pod runs as non-root. Exits 1 with each
problem named by kind/name/container.
"""
import sys

import yaml

KINDS = {
    "Namespace", "ServiceAccount", "ConfigMap", "Secret", "Service", "Deployment", "StatefulSet", "CronJob", "Job",
    "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "ServiceMonitor", "PrometheusRule",
}


def pod_spec(doc):
    kind = doc["kind"]
    if kind in ("Deployment", "StatefulSet", "Job"):
        return doc["spec"]["template"]["spec"]
    if kind == "CronJob":
        return doc["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return None


def check_container(where, pod, c, problems):
    image = c.get("image", "")
    name = image.split("@")[0].rsplit("/", 1)[-1]
    if "@sha256:" not in image and (":" not in name or name.endswith(":latest")):
        problems.append(f"{where}: image '{image}' is not pinned to a tag or digest")
    res = c.get("resources", {})
    if not res.get("requests", {}).get("cpu") or not res.get("requests", {}).get("memory"):
        problems.append(f"{where}: no cpu and memory requests")
    if not res.get("limits", {}).get("memory"):
        problems.append(f"{where}: no memory limit")
    sc = c.get("securityContext", {})
    if sc.get("allowPrivilegeEscalation") is not False:
        problems.append(f"{where}: allowPrivilegeEscalation is not false")
    if "ALL" not in sc.get("capabilities", {}).get("drop", []):
        problems.append(f"{where}: capabilities are not dropped")
    if not (sc.get("runAsNonRoot") or pod.get("securityContext", {}).get("runAsNonRoot")):
        problems.append(f"{where}: may run as root")


def main(label):
    problems = []
    docs = [d for d in yaml.safe_load_all(sys.stdin) if d]
    if not docs:
        problems.append("nothing rendered")
    for doc in docs:
        kind = doc.get("kind")
        name = doc.get("metadata", {}).get("name")
        where = f"{label}: {kind}/{name}"
        if not doc.get("apiVersion") or not kind or not name:
            problems.append(f"{where}: apiVersion, kind and metadata.name are required")
            continue
        if kind not in KINDS:
            problems.append(f"{where}: unexpected kind")
        pod = pod_spec(doc)
        if pod is None:
            continue
        for c in pod.get("initContainers", []) + pod.get("containers", []):
            check_container(f"{where}/{c.get('name')}", pod, c, problems)
        if kind == "Deployment":
            for c in pod.get("containers", []):
                if "readinessProbe" not in c:
                    problems.append(f"{where}/{c.get('name')}: no readinessProbe")
    for p in problems:
        print(f"k8s FAIL {p}", file=sys.stderr)
    print(f"k8s {'FAIL' if problems else 'ok  '} {label}: {len(docs)} objects")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
