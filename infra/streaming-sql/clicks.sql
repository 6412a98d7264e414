-- Streaming SQL over the pipeline's clean clicks (where the seed ran ksqlDB). One continuous query
-- per statement, run by the reference app's "sql" role and by the embedded default; the grammar is
-- in lib-batch's SqlScript, the SELECTs are Spark SQL over the stream clicks_clean (topic
-- clicks-clean, EnrichedClick, event time "timestamp", rows up to 1 minute late still counted).

-- Views and time on page per minute, page category and country: an upsert changelog keyed by
-- ["<minute start>","<pageCategory>","<country>"].
CREATE TABLE clicks_per_minute WITH (topic = 'clicks-per-minute') AS
  SELECT window(timestamp, '1 minute') AS w, pageCategory, country,
         count(*) AS views, sum(durationMs) AS duration_ms, sum(CASE WHEN bounce THEN 1 ELSE 0 END) AS bounces
  FROM clicks_clean
  GROUP BY window(timestamp, '1 minute'), pageCategory, country;

-- The checkout clicks, appended as they come (a narrow stream for alerting and search).
CREATE STREAM checkout_clicks WITH (topic = 'clicks-checkout') AS
  SELECT eventId, userId, sessionId, country, device, durationMs, timestamp
  FROM clicks_clean
  WHERE pageCategory = 'checkout';
