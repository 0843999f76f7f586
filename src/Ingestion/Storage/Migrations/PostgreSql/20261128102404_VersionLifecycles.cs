using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class VersionLifecycles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "lifecycle",
                table: "entity_versions",
                type: "text",
                nullable: false,
                defaultValue: "ACTIVE");

            foreach (var statement in VersionLifecycleFill.Statements())
                migrationBuilder.Sql(statement);

            migrationBuilder.CreateIndex(
                name: "ix_entity_versions_fqn_changed_at",
                table: "entity_versions",
                columns: new[] { "fqn", "changed_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_entity_versions_fqn_changed_at",
                table: "entity_versions");

            migrationBuilder.DropColumn(
                name: "lifecycle",
                table: "entity_versions");
        }
    }
}
