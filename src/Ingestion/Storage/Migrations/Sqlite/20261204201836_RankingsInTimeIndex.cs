using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RankingsInTimeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_change_events_timestamp_sequence",
                table: "change_events");

            migrationBuilder.CreateIndex(
                name: "ix_change_events_timestamp_sequence",
                table: "change_events",
                columns: new[] { "timestamp", "sequence", "user_name", "impersonated_by", "entity_id", "event_type" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_change_events_timestamp_sequence",
                table: "change_events");

            migrationBuilder.CreateIndex(
                name: "ix_change_events_timestamp_sequence",
                table: "change_events",
                columns: new[] { "timestamp", "sequence" });
        }
    }
}
