-- The curated tables the daily batch writes, registered for Trino (Hive connector).
-- Column names and types follow lib-batch's output: Parquet, TIMESTAMP(MICROS) as timestamp(6).
CREATE SCHEMA IF NOT EXISTS lake.curated WITH (location = 's3://sluice-prod-lake/curated/');

CREATE TABLE IF NOT EXISTS lake.curated.clicks_daily (
    page varchar,
    views bigint,
    unique_users bigint,
    total_duration_ms bigint,
    dt varchar
)
WITH (format = 'PARQUET', partitioned_by = ARRAY['dt'], external_location = 's3://sluice-prod-lake/curated/clicks_daily/');

CALL lake.system.sync_partition_metadata('curated', 'clicks_daily', 'ADD');
