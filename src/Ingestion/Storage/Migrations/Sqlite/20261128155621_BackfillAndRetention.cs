using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BackfillAndRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "origin",
                table: "change_events",
                type: "TEXT",
                nullable: false,
                defaultValue: "WEBHOOK");

            migrationBuilder.CreateTable(
                name: "purge_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    requested_by = table.Column<string>(type: "TEXT", nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    cutoff = table.Column<DateTime>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    events_purged = table.Column<long>(type: "INTEGER", nullable: false),
                    field_changes_purged = table.Column<long>(type: "INTEGER", nullable: false),
                    versions_purged = table.Column<long>(type: "INTEGER", nullable: false),
                    events_kept = table.Column<long>(type: "INTEGER", nullable: false),
                    first_sequence = table.Column<long>(type: "INTEGER", nullable: true),
                    last_sequence = table.Column<long>(type: "INTEGER", nullable: true),
                    error = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_purge_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "purged_ranges",
                columns: table => new
                {
                    from_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    to_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    events = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_purged_ranges", x => x.from_sequence);
                });

            migrationBuilder.CreateIndex(
                name: "ix_purged_ranges_run_id",
                table: "purged_ranges",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "ix_purged_ranges_to_sequence",
                table: "purged_ranges",
                column: "to_sequence");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "purge_runs");

            migrationBuilder.DropTable(
                name: "purged_ranges");

            migrationBuilder.DropColumn(
                name: "origin",
                table: "change_events");
        }
    }
}
