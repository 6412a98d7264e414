-- ksqlDB over the pipeline's topics (the seed's SQL layer); the clean topic is the source of truth.
CREATE STREAM IF NOT EXISTS clicks_clean WITH (KAFKA_TOPIC = 'clicks-clean', VALUE_FORMAT = 'AVRO');

CREATE STREAM IF NOT EXISTS clicks_dlq (payload BYTES) WITH (KAFKA_TOPIC = 'clicks-dlq', VALUE_FORMAT = 'KAFKA');

CREATE TABLE IF NOT EXISTS page_views_per_minute AS
    SELECT page, COUNT(*) AS views, SUM(durationMs) AS total_duration_ms
    FROM clicks_clean
    WINDOW TUMBLING (SIZE 1 MINUTE)
    GROUP BY page
    EMIT CHANGES;

CREATE TABLE IF NOT EXISTS user_sessions AS
    SELECT userId, COUNT(*) AS clicks, LATEST_BY_OFFSET(page) AS last_page
    FROM clicks_clean
    WINDOW SESSION (30 MINUTES)
    GROUP BY userId
    EMIT CHANGES;
