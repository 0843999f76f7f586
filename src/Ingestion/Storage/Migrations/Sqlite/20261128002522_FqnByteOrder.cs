using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FqnByteOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_change_events_entity_fqn",
                table: "change_events");

            migrationBuilder.CreateIndex(
                name: "ix_change_events_entity_fqn_timestamp",
                table: "change_events",
                columns: new[] { "entity_fqn", "timestamp" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_change_events_entity_fqn_timestamp",
                table: "change_events");

            migrationBuilder.CreateIndex(
                name: "ix_change_events_entity_fqn",
                table: "change_events",
                column: "entity_fqn");
        }
    }
}
