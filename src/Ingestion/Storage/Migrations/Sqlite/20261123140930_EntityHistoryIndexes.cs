using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EntityHistoryIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_field_changes_entity_id_version",
                table: "field_changes");

            migrationBuilder.CreateIndex(
                name: "ix_field_changes_entity_id_event_sequence",
                table: "field_changes",
                columns: new[] { "entity_id", "event_sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_entity_versions_entity_id_changed_at",
                table: "entity_versions",
                columns: new[] { "entity_id", "changed_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_field_changes_entity_id_event_sequence",
                table: "field_changes");

            migrationBuilder.DropIndex(
                name: "ix_entity_versions_entity_id_changed_at",
                table: "entity_versions");

            migrationBuilder.CreateIndex(
                name: "ix_field_changes_entity_id_version",
                table: "field_changes",
                columns: new[] { "entity_id", "version" });
        }
    }
}
