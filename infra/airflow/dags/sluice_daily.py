"""The daily batch of the Sluice reference pipeline, on Kubernetes.

One pod per step, all from the reference-app image: curated aggregates from the raw zone, raw-zone
compaction, the Pinot offline segment push and the DataHub ingestion of the lineage file. Steps
retry with backoff; each has an SLA so a late day pages before the dashboards go stale. The date
is Airflow's logical date, so a backfill or a rerun of one day replaces exactly that day.
"""
from datetime import timedelta

import pendulum
from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from kubernetes.client import models as k8s

IMAGE = "ghcr.io/sluice-dev/sluice-reference-app:0.1.0"
NAMESPACE = "sluice"

RESOURCES = k8s.V1ResourceRequirements(requests={"cpu": "2", "memory": "6Gi"}, limits={"memory": "6Gi"})
SECURITY = k8s.V1SecurityContext(
    run_as_non_root=True,
    allow_privilege_escalation=False,
    read_only_root_filesystem=True,
    capabilities=k8s.V1Capabilities(drop=["ALL"]),
)
SCRATCH = k8s.V1Volume(name="scratch", empty_dir=k8s.V1EmptyDirVolumeSource(size_limit="20Gi"))
SCRATCH_MOUNT = k8s.V1VolumeMount(name="scratch", mount_path="/tmp")
# The app's settings file (infra/k8s/base/app.yaml, ConfigMap `sluice-app`); its ${...} values come
# from the environment below.
APP_CONFIG = k8s.V1Volume(name="app-config", config_map=k8s.V1ConfigMapVolumeSource(name="sluice-app"))
APP_CONFIG_MOUNT = k8s.V1VolumeMount(name="app-config", mount_path="/etc/sluice", read_only=True)
ENV_FROM = [
    k8s.V1EnvFromSource(config_map_ref=k8s.V1ConfigMapEnvSource(name="sluice-config")),
    k8s.V1EnvFromSource(secret_ref=k8s.V1SecretEnvSource(name="sluice-secrets")),
]

default_args = {
    "owner": "data-platform",
    "retries": 3,
    "retry_delay": timedelta(minutes=5),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=30),
}


def step(task_id, role, sla, *extra):
    """A reference-app run in one role for the logical date."""
    return KubernetesPodOperator(
        task_id=task_id,
        name=f"sluice-{task_id.replace('_', '-')}",
        namespace=NAMESPACE,
        image=IMAGE,
        arguments=["--role", role, "--config", "/etc/sluice/app.yaml", "--date", "{{ ds }}", *extra],
        env_from=ENV_FROM,
        container_resources=RESOURCES,
        container_security_context=SECURITY,
        volumes=[SCRATCH, APP_CONFIG],
        volume_mounts=[SCRATCH_MOUNT, APP_CONFIG_MOUNT],
        service_account_name="sluice-batch",
        get_logs=True,
        on_finish_action="delete_succeeded_pod",
        sla=sla,
    )


with DAG(
    dag_id="sluice_daily",
    description="Curated aggregates, compaction, Pinot offline push and lineage for one day",
    schedule="30 1 * * *",
    start_date=pendulum.datetime(2026, 11, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    tags=["sluice"],
) as dag:
    curated = step("curated_aggregates", "batch", timedelta(hours=2))
    compact = step("compact_raw_zone", "compact", timedelta(hours=3))
    pinot = step("pinot_offline_push", "pinot-push", timedelta(hours=3))
    lineage = step("datahub_ingest", "lineage", timedelta(hours=4))

    curated >> [compact, pinot] >> lineage
