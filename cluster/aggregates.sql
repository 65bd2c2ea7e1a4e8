-- The aggregates `series`, `impact`, `forecast`, `alerts` and the dashboard's map read,
-- defined over the events of a Parquet dataset (docs/formats/parquet.md), registered by
-- the job as the view `events`. They are the tables the embedded writer keeps in step on
-- every import (crates/atalaya-store/src/write.rs); `atalaya import aggregates` loads
-- them. Rules, as there:
--   * counted events only: imported rows (review null) and accepted news events;
--   * an event counts in a period only when dated at least that precisely: day- and
--     week-precision events in their ISO week (from Monday) and month, month-precision
--     ones in their month only, year-precision and undated ones in neither;
--   * per actor, each of an event's distinct actors counts the whole event once.
-- Statements end with ';' at the end of a line; each creates a view, and the job writes
-- the views agg_kind and agg_actor.

CREATE OR REPLACE TEMPORARY VIEW event_periods AS
SELECT p.period, p.start, e.state, e.kind, e.actors, e.fatalities
FROM events e
LATERAL VIEW explode(filter(array(
    named_struct('period', 'week',
                 'start', CASE WHEN e.date_precision IN ('day', 'week')
                               THEN trunc(e.date, 'week') END),
    named_struct('period', 'month',
                 'start', CASE WHEN e.date_precision IN ('day', 'week', 'month')
                               THEN trunc(e.date, 'month') END)
  ), x -> x.start IS NOT NULL)) periods AS p
WHERE e.date IS NOT NULL AND (e.review IS NULL OR e.review = 'accepted');

CREATE OR REPLACE TEMPORARY VIEW agg_kind AS
SELECT period, start, state, kind,
       count(*) AS events, sum(fatalities) AS fatalities
FROM event_periods
GROUP BY period, start, state, kind;

CREATE OR REPLACE TEMPORARY VIEW agg_actor AS
SELECT period, start, state, actor,
       count(*) AS events, sum(fatalities) AS fatalities
FROM event_periods
LATERAL VIEW explode(array_distinct(actors)) acting AS actor
GROUP BY period, start, state, actor;
