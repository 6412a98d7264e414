-- ksqlDB over the pipeline's topics (the seed's SQL layer); the clean topic is the source of truth.
CREATE STREAM IF NOT EXISTS clicks_clean WITH (KAFKA_TOPIC = 'clicks-clean', VALUE_FORMAT = 'AVRO');

CREATE STREAM IF NOT EXISTS clicks_dlq (payload BYTES) WITH (KAFKA_TOPIC = 'clicks-dlq', VALUE_FORMAT = 'KAFKA');

CREATE TABLE IF NOT EXISTS category_views_per_minute AS
    SELECT pageCategory, COUNT(*) AS views, SUM(durationMs) AS total_duration_ms
    FROM clicks_clean
    WINDOW TUMBLING (SIZE 1 MINUTE)
    GROUP BY pageCategory
    EMIT CHANGES;

CREATE TABLE IF NOT EXISTS user_sessions AS
    SELECT userId, COUNT(*) AS clicks, LATEST_BY_OFFSET(pageCategory) AS last_page_category
    FROM clicks_clean
    WINDOW SESSION (30 MINUTES)
    GROUP BY userId
    EMIT CHANGES;
