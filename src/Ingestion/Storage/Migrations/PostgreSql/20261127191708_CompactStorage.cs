using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CompactStorage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "snapshot_event_sequence",
                table: "entities",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "snapshot_event_sequence",
                table: "deletions",
                type: "bigint",
                nullable: true);

            // Snapshots are kept once, in the payload of the event that carried them: every stored
            // snapshot came from one, so each row now points at the latest event of its entity
            // whose entity is the same JSON (jsonb equality: key order and spacing do not count).
            migrationBuilder.Sql("""
                CREATE FUNCTION pg_temp.carried_entity(payload jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
                BEGIN
                    IF jsonb_typeof(payload -> 'entity') = 'string' THEN
                        RETURN (payload ->> 'entity')::jsonb;
                    END IF;
                    RETURN payload -> 'entity';
                EXCEPTION WHEN others THEN
                    RETURN NULL;
                END $$;

                UPDATE entities e SET snapshot_event_sequence = (
                    SELECT ev.sequence FROM change_events ev
                    WHERE ev.entity_id = e.entity_id AND pg_temp.carried_entity(ev.payload) = e.snapshot
                    ORDER BY ev.sequence DESC LIMIT 1)
                WHERE e.snapshot IS NOT NULL;

                UPDATE deletions d SET snapshot_event_sequence = (
                    SELECT ev.sequence FROM change_events ev
                    WHERE ev.entity_id = d.entity_id AND ev.sequence <= d.event_sequence AND pg_temp.carried_entity(ev.payload) = d.last_snapshot
                    ORDER BY ev.sequence DESC LIMIT 1)
                WHERE d.last_snapshot IS NOT NULL;

                -- Nothing is dropped that cannot be read back: a version's snapshot is its event's entity.
                DO $$
                DECLARE unmatched bigint;
                BEGIN
                    SELECT count(*) INTO unmatched FROM entity_versions v JOIN change_events ev ON ev.sequence = v.event_sequence
                    WHERE pg_temp.carried_entity(ev.payload) IS DISTINCT FROM v.snapshot;
                    unmatched := unmatched
                        + (SELECT count(*) FROM entities WHERE snapshot IS NOT NULL AND snapshot_event_sequence IS NULL)
                        + (SELECT count(*) FROM deletions WHERE last_snapshot IS NOT NULL AND snapshot_event_sequence IS NULL);
                    IF unmatched > 0 THEN
                        RAISE EXCEPTION '% stored snapshots match no event''s entity; the store is left as it was', unmatched;
                    END IF;
                END $$;
                """);

            migrationBuilder.DropIndex(
                name: "ix_field_changes_category_changed_at",
                table: "field_changes");

            migrationBuilder.DropIndex(
                name: "ix_field_changes_changed_at",
                table: "field_changes");

            migrationBuilder.DropIndex(
                name: "ix_field_changes_path_changed_at",
                table: "field_changes");

            migrationBuilder.DropIndex(
                name: "ix_entity_versions_changed_by_changed_at",
                table: "entity_versions");

            migrationBuilder.DropIndex(
                name: "ix_entities_entity_type_fqn",
                table: "entities");

            migrationBuilder.DropIndex(
                name: "ix_entities_lifecycle_updated_at",
                table: "entities");

            migrationBuilder.DropIndex(
                name: "ix_change_events_event_type_timestamp",
                table: "change_events");

            migrationBuilder.DropIndex(
                name: "ix_change_events_timestamp",
                table: "change_events");

            migrationBuilder.DropColumn(
                name: "snapshot",
                table: "entity_versions");

            migrationBuilder.DropColumn(
                name: "snapshot",
                table: "entities");

            migrationBuilder.DropColumn(
                name: "last_snapshot",
                table: "deletions");

            // Existing payloads become their UTF-8 text, which StoredPayload reads as it reads the
            // compressed form that new events are written in.
            migrationBuilder.Sql("ALTER TABLE change_events ALTER COLUMN payload TYPE bytea USING convert_to(payload::text, 'UTF8');");

            migrationBuilder.CreateIndex(
                name: "ix_field_changes_category_changed_at_event_sequence",
                table: "field_changes",
                columns: new[] { "category", "changed_at", "event_sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_field_changes_changed_at_event_sequence",
                table: "field_changes",
                columns: new[] { "changed_at", "event_sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_change_events_timestamp_sequence",
                table: "change_events",
                columns: new[] { "timestamp", "sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            // Compressed payloads cannot be turned back into JSON columns by SQL alone.
            throw new NotSupportedException("CompactStorage cannot be reverted: restore the backup taken before it was applied.");
    }
}
