using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Notifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "notification_cursor",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    position = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notification_cursor", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notification_targets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    protected_url = table.Column<string>(type: "TEXT", nullable: true),
                    url_mask = table.Column<string>(type: "TEXT", nullable: true),
                    protected_secret = table.Column<string>(type: "TEXT", nullable: true),
                    secret_mask = table.Column<string>(type: "TEXT", nullable: true),
                    protected_bot_token = table.Column<string>(type: "TEXT", nullable: true),
                    bot_token_mask = table.Column<string>(type: "TEXT", nullable: true),
                    chat_id = table.Column<string>(type: "TEXT", nullable: true),
                    emails = table.Column<string>(type: "TEXT", nullable: false),
                    filter = table.Column<string>(type: "TEXT", nullable: true),
                    template = table.Column<string>(type: "TEXT", nullable: true),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    time_zone = table.Column<string>(type: "TEXT", nullable: false),
                    digests = table.Column<string>(type: "TEXT", nullable: false),
                    rate_limit_per_minute = table.Column<int>(type: "INTEGER", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    start_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    digests_checked_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    consecutive_failures = table.Column<int>(type: "INTEGER", nullable: false),
                    last_successful_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_failed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_failed_status_code = table.Column<int>(type: "INTEGER", nullable: true),
                    last_failed_reason = table.Column<string>(type: "TEXT", nullable: true),
                    next_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    disabled_reason = table.Column<string>(type: "TEXT", nullable: true),
                    lease_owner = table.Column<string>(type: "TEXT", nullable: true),
                    lease_until = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notification_targets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notification_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    target_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    event_sequence = table.Column<long>(type: "INTEGER", nullable: true),
                    digest_period = table.Column<string>(type: "TEXT", nullable: true),
                    period_start = table.Column<DateTime>(type: "TEXT", nullable: true),
                    period_end = table.Column<DateTime>(type: "TEXT", nullable: true),
                    send_when_empty = table.Column<bool>(type: "INTEGER", nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    first_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    delivered_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    response_status_code = table.Column<int>(type: "INTEGER", nullable: true),
                    response_excerpt = table.Column<string>(type: "TEXT", nullable: true),
                    error = table.Column<string>(type: "TEXT", nullable: true),
                    duration_ms = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notification_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_notification_deliveries_notification_targets_target_id",
                        column: x => x.target_id,
                        principalTable: "notification_targets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "notification_cursor",
                columns: new[] { "id", "position" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "ix_notification_deliveries_event_sequence",
                table: "notification_deliveries",
                column: "event_sequence");

            migrationBuilder.CreateIndex(
                name: "ix_notification_deliveries_target_id_digest_period_period_end",
                table: "notification_deliveries",
                columns: new[] { "target_id", "digest_period", "period_end" },
                unique: true,
                filter: "digest_period IN ('DAILY', 'WEEKLY')");

            migrationBuilder.CreateIndex(
                name: "ix_notification_deliveries_target_id_event_sequence",
                table: "notification_deliveries",
                columns: new[] { "target_id", "event_sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notification_deliveries_unsettled",
                table: "notification_deliveries",
                columns: new[] { "target_id", "id" },
                filter: "status IN ('PENDING', 'AWAITING_RETRY')");

            migrationBuilder.CreateIndex(
                name: "ix_notification_targets_name",
                table: "notification_targets",
                column: "name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notification_cursor");

            migrationBuilder.DropTable(
                name: "notification_deliveries");

            migrationBuilder.DropTable(
                name: "notification_targets");
        }
    }
}
