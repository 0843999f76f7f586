using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LeanRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_deletions_change_events_event_sequence",
                table: "deletions");

            migrationBuilder.DropForeignKey(
                name: "fk_field_changes_change_events_event_sequence",
                table: "field_changes");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "fk_deletions_change_events_event_sequence",
                table: "deletions",
                column: "event_sequence",
                principalTable: "change_events",
                principalColumn: "sequence",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_field_changes_change_events_event_sequence",
                table: "field_changes",
                column: "event_sequence",
                principalTable: "change_events",
                principalColumn: "sequence",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
