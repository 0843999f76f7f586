using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Reconciliation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "known_gaps",
                columns: table => new
                {
                    entity_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    before_version = table.Column<double>(type: "REAL", nullable: false),
                    after_version = table.Column<double>(type: "REAL", nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", nullable: false),
                    fqn = table.Column<string>(type: "TEXT", nullable: true),
                    versions = table.Column<string>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: false),
                    detail = table.Column<string>(type: "TEXT", nullable: true),
                    window_id = table.Column<long>(type: "INTEGER", nullable: false),
                    found_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_tried_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    recovered_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_known_gaps", x => new { x.entity_id, x.before_version });
                });

            migrationBuilder.CreateTable(
                name: "reconciled_windows",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    from = table.Column<DateTime>(type: "TEXT", nullable: false),
                    to = table.Column<DateTime>(type: "TEXT", nullable: false),
                    checked_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    events_seen = table.Column<int>(type: "INTEGER", nullable: false),
                    events_stored = table.Column<int>(type: "INTEGER", nullable: false),
                    versions_seen = table.Column<int>(type: "INTEGER", nullable: false),
                    versions_stored = table.Column<int>(type: "INTEGER", nullable: false),
                    still_missing = table.Column<int>(type: "INTEGER", nullable: false),
                    webhook_events = table.Column<int>(type: "INTEGER", nullable: false),
                    silent = table.Column<bool>(type: "INTEGER", nullable: false),
                    versions_listed = table.Column<bool>(type: "INTEGER", nullable: false),
                    error = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reconciled_windows", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_known_gaps_window_id",
                table: "known_gaps",
                column: "window_id");

            migrationBuilder.CreateIndex(
                name: "ix_reconciled_windows_from",
                table: "reconciled_windows",
                column: "from");

            migrationBuilder.CreateIndex(
                name: "ix_reconciled_windows_to",
                table: "reconciled_windows",
                column: "to");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "known_gaps");

            migrationBuilder.DropTable(
                name: "reconciled_windows");
        }
    }
}
