using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.PostgreSql
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
                    entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    before_version = table.Column<decimal>(type: "numeric", nullable: false),
                    after_version = table.Column<decimal>(type: "numeric", nullable: false),
                    entity_type = table.Column<string>(type: "text", nullable: false),
                    fqn = table.Column<string>(type: "text", nullable: true),
                    versions = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    detail = table.Column<string>(type: "text", nullable: true),
                    window_id = table.Column<long>(type: "bigint", nullable: false),
                    found_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_tried_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    recovered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_known_gaps", x => new { x.entity_id, x.before_version });
                });

            migrationBuilder.CreateTable(
                name: "reconciled_windows",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    from = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    to = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    checked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    events_seen = table.Column<int>(type: "integer", nullable: false),
                    events_stored = table.Column<int>(type: "integer", nullable: false),
                    versions_seen = table.Column<int>(type: "integer", nullable: false),
                    versions_stored = table.Column<int>(type: "integer", nullable: false),
                    still_missing = table.Column<int>(type: "integer", nullable: false),
                    webhook_events = table.Column<int>(type: "integer", nullable: false),
                    silent = table.Column<bool>(type: "boolean", nullable: false),
                    versions_listed = table.Column<bool>(type: "boolean", nullable: false),
                    error = table.Column<string>(type: "text", nullable: true)
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
