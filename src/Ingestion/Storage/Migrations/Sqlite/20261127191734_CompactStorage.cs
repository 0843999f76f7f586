using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "snapshot_event_sequence",
                table: "deletions",
                type: "INTEGER",
                nullable: true);

            // Snapshots are kept once, in the payload of the event that carried them: each row now
            // points at the latest event of its entity whose entity is the same JSON.
            migrationBuilder.Sql("""
                UPDATE entities SET snapshot_event_sequence = (
                    SELECT ev.sequence FROM change_events ev
                    WHERE ev.entity_id = entities.entity_id
                      AND json_valid(json_extract(ev.payload, '$.entity')) AND json(json_extract(ev.payload, '$.entity')) = json(entities.snapshot)
                    ORDER BY ev.sequence DESC LIMIT 1)
                WHERE snapshot IS NOT NULL AND json_valid(snapshot);

                UPDATE deletions SET snapshot_event_sequence = (
                    SELECT ev.sequence FROM change_events ev
                    WHERE ev.entity_id = deletions.entity_id AND ev.sequence <= deletions.event_sequence
                      AND json_valid(json_extract(ev.payload, '$.entity')) AND json(json_extract(ev.payload, '$.entity')) = json(deletions.last_snapshot)
                    ORDER BY ev.sequence DESC LIMIT 1)
                WHERE last_snapshot IS NOT NULL AND json_valid(last_snapshot);
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

            migrationBuilder.AlterColumn<byte[]>(
                name: "payload",
                table: "change_events",
                type: "BLOB",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT");

            // The rebuilt table kept the text values as text: store them as the UTF-8 bytes that
            // StoredPayload reads as it reads the compressed form of new events.
            migrationBuilder.Sql("UPDATE change_events SET payload = CAST(payload AS BLOB) WHERE typeof(payload) = 'text';");

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
