using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.PostgreSql
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
                type: "text",
                nullable: false,
                defaultValue: "WEBHOOK");

            migrationBuilder.CreateTable(
                name: "purge_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    requested_by = table.Column<string>(type: "text", nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    cutoff = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    events_purged = table.Column<long>(type: "bigint", nullable: false),
                    field_changes_purged = table.Column<long>(type: "bigint", nullable: false),
                    versions_purged = table.Column<long>(type: "bigint", nullable: false),
                    events_kept = table.Column<long>(type: "bigint", nullable: false),
                    first_sequence = table.Column<long>(type: "bigint", nullable: true),
                    last_sequence = table.Column<long>(type: "bigint", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_purge_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "purged_ranges",
                columns: table => new
                {
                    from_sequence = table.Column<long>(type: "bigint", nullable: false),
                    to_sequence = table.Column<long>(type: "bigint", nullable: false),
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    events = table.Column<long>(type: "bigint", nullable: false)
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
