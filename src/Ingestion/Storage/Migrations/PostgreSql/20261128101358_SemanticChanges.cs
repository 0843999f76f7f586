using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SemanticChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "semantic_change",
                table: "field_changes",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "semantic_change",
                table: "entity_versions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "semantic_change",
                table: "change_events",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Rows stored before: their steps by the writer's own rules, before the partial
            // indexes of breaking rows are built.
            foreach (var statement in SemanticChangeFill.Statements())
                migrationBuilder.Sql(statement);

            migrationBuilder.CreateIndex(
                name: "ix_field_changes_breaking",
                table: "field_changes",
                columns: new[] { "changed_at", "event_sequence" },
                filter: "semantic_change = 3");

            migrationBuilder.CreateIndex(
                name: "ix_entity_versions_breaking",
                table: "entity_versions",
                column: "changed_at",
                filter: "semantic_change = 3");

            migrationBuilder.CreateIndex(
                name: "ix_change_events_breaking",
                table: "change_events",
                columns: new[] { "timestamp", "sequence" },
                filter: "semantic_change = 3");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_field_changes_breaking",
                table: "field_changes");

            migrationBuilder.DropIndex(
                name: "ix_entity_versions_breaking",
                table: "entity_versions");

            migrationBuilder.DropIndex(
                name: "ix_change_events_breaking",
                table: "change_events");

            migrationBuilder.DropColumn(
                name: "semantic_change",
                table: "field_changes");

            migrationBuilder.DropColumn(
                name: "semantic_change",
                table: "entity_versions");

            migrationBuilder.DropColumn(
                name: "semantic_change",
                table: "change_events");
        }
    }
}
