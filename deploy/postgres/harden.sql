-- Makes HistoryGraph's history append-only for the role the server connects as.
--
-- Run as the owner of the history tables (the role `HistoryGraph migrate` ran as), after
-- migrating, with the server's role in place of historygraph_app:
--
--     sed 's/historygraph_app/<your role>/g' deploy/postgres/harden.sql | psql -v ON_ERROR_STOP=1 <database>
--
-- Afterwards the server's role can add history but not change or remove it: no UPDATE or DELETE
-- on events, field changes or checkpoints, no DELETE on the log's tiles. Retention goes through
-- historygraph_purge(), which removes only events older than purge_policy.min_age_days (set by
-- the owner) and records every call in purge_audit, which the server's role cannot change.
-- Migrations (`HistoryGraph migrate`) and `repack-payloads` run as the owner; run the server
-- with Storage:MigrateOnStartup=false, or let it start with nothing pending. Run it again after
-- each migration: new tables get the default grants.

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM historygraph_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO historygraph_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO historygraph_app;

-- The history itself: added, never changed or removed by the server.
REVOKE UPDATE, DELETE, TRUNCATE ON change_events, field_changes, log_checkpoints, log_signing_keys FROM historygraph_app;
-- The tree's tiles grow (the last tile of each level is rewritten whole) but are never removed.
REVOKE DELETE, TRUNCATE ON log_tiles FROM historygraph_app;
-- Versions are rewritten when OpenMetadata merges edits into one version, but removed only by purge.
REVOKE DELETE, TRUNCATE ON entity_versions FROM historygraph_app;
REVOKE TRUNCATE ON ALL TABLES IN SCHEMA public FROM historygraph_app;

-- Retention, through one function the owner controls.
CREATE TABLE IF NOT EXISTS purge_policy (id int PRIMARY KEY CHECK (id = 1), min_age_days int NOT NULL CHECK (min_age_days >= 0));
INSERT INTO purge_policy VALUES (1, 30) ON CONFLICT (id) DO NOTHING;
CREATE TABLE IF NOT EXISTS purge_audit (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    called_at timestamptz NOT NULL DEFAULT now(),
    called_by name NOT NULL DEFAULT session_user,
    events bigint NOT NULL,
    first_sequence bigint,
    last_sequence bigint);
REVOKE ALL ON purge_policy, purge_audit FROM historygraph_app;
GRANT SELECT ON purge_policy, purge_audit TO historygraph_app;

CREATE OR REPLACE FUNCTION historygraph_purge(sequences bigint[], entity_ids uuid[])
RETURNS TABLE (field_changes_purged bigint, versions_purged bigint, events_purged bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    oldest_allowed timestamptz := now() - make_interval(days => (SELECT min_age_days FROM purge_policy WHERE id = 1));
    too_recent bigint;
BEGIN
    SELECT min(e.sequence) INTO too_recent FROM change_events e WHERE e.sequence = ANY(sequences) AND e."timestamp" >= oldest_allowed;
    IF too_recent IS NOT NULL THEN
        RAISE EXCEPTION 'historygraph_purge: event % is younger than purge_policy.min_age_days', too_recent USING ERRCODE = 'insufficient_privilege';
    END IF;
    DELETE FROM field_changes f WHERE f.event_sequence = ANY(sequences);
    GET DIAGNOSTICS field_changes_purged = ROW_COUNT;
    DELETE FROM entity_versions v WHERE v.entity_id = ANY(entity_ids) AND v.event_sequence = ANY(sequences);
    GET DIAGNOSTICS versions_purged = ROW_COUNT;
    DELETE FROM change_events e WHERE e.sequence = ANY(sequences);
    GET DIAGNOSTICS events_purged = ROW_COUNT;
    INSERT INTO purge_audit (events, first_sequence, last_sequence)
        SELECT events_purged, min(s), max(s) FROM unnest(sequences) AS s;
    RETURN NEXT;
END $$;
REVOKE ALL ON FUNCTION historygraph_purge(bigint[], uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION historygraph_purge(bigint[], uuid[]) TO historygraph_app;
