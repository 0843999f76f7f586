using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "actors",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    is_bot = table.Column<bool>(type: "INTEGER", nullable: false),
                    first_seen_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_seen_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    change_count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_actors", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "change_counts",
                columns: table => new
                {
                    dimension = table.Column<short>(type: "INTEGER", nullable: false),
                    quarter_start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_change_counts", x => new { x.dimension, x.quarter_start, x.key });
                });

            migrationBuilder.CreateTable(
                name: "change_events",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    event_key = table.Column<string>(type: "TEXT", nullable: false),
                    event_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    event_type = table.Column<string>(type: "TEXT", nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", nullable: false),
                    entity_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    entity_fqn = table.Column<string>(type: "TEXT", nullable: true),
                    user_name = table.Column<string>(type: "TEXT", nullable: true),
                    impersonated_by = table.Column<string>(type: "TEXT", nullable: true),
                    timestamp = table.Column<DateTime>(type: "TEXT", nullable: false),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    previous_version = table.Column<double>(type: "REAL", nullable: true),
                    current_version = table.Column<double>(type: "REAL", nullable: true),
                    semantic_change = table.Column<int>(type: "INTEGER", nullable: false),
                    origin = table.Column<string>(type: "TEXT", nullable: false, defaultValue: "WEBHOOK"),
                    payload = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_change_events", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    friendly_name = table.Column<string>(type: "TEXT", nullable: true),
                    xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "deletions",
                columns: table => new
                {
                    event_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    entity_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", nullable: false),
                    fqn = table.Column<string>(type: "TEXT", nullable: true),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    deleted_by = table.Column<string>(type: "TEXT", nullable: true),
                    version = table.Column<double>(type: "REAL", nullable: true),
                    snapshot_event_sequence = table.Column<long>(type: "INTEGER", nullable: true),
                    restored_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    restored_by = table.Column<string>(type: "TEXT", nullable: true),
                    restore_event_sequence = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deletions", x => x.event_sequence);
                });

            migrationBuilder.CreateTable(
                name: "entities",
                columns: table => new
                {
                    entity_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", nullable: false),
                    fqn = table.Column<string>(type: "TEXT", nullable: true),
                    name = table.Column<string>(type: "TEXT", nullable: true),
                    display_name = table.Column<string>(type: "TEXT", nullable: true),
                    description = table.Column<string>(type: "TEXT", nullable: true),
                    owners = table.Column<string>(type: "TEXT", nullable: true),
                    tags = table.Column<string>(type: "TEXT", nullable: true),
                    tier = table.Column<string>(type: "TEXT", nullable: true),
                    tag_fqns = table.Column<string>(type: "TEXT", nullable: false),
                    owner_names = table.Column<string>(type: "TEXT", nullable: false),
                    service = table.Column<string>(type: "TEXT", nullable: true),
                    version = table.Column<double>(type: "REAL", nullable: true),
                    snapshot_event_sequence = table.Column<long>(type: "INTEGER", nullable: true),
                    lifecycle = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", nullable: true),
                    state_timestamp = table.Column<DateTime>(type: "TEXT", nullable: false),
                    state_event_sequence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entities", x => x.entity_id);
                });

            migrationBuilder.CreateTable(
                name: "entity_versions",
                columns: table => new
                {
                    entity_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<double>(type: "REAL", nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", nullable: false),
                    fqn = table.Column<string>(type: "TEXT", nullable: true),
                    changed_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    changed_by = table.Column<string>(type: "TEXT", nullable: true),
                    event_type = table.Column<string>(type: "TEXT", nullable: false),
                    event_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    semantic_change = table.Column<int>(type: "INTEGER", nullable: false),
                    lifecycle = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entity_versions", x => new { x.entity_id, x.version });
                });

            migrationBuilder.CreateTable(
                name: "field_changes",
                columns: table => new
                {
                    event_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    entity_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", nullable: false),
                    entity_fqn = table.Column<string>(type: "TEXT", nullable: true),
                    path = table.Column<string>(type: "TEXT", nullable: false),
                    field = table.Column<string>(type: "TEXT", nullable: false),
                    column = table.Column<string>(type: "TEXT", nullable: true),
                    category = table.Column<string>(type: "TEXT", nullable: false),
                    change_type = table.Column<string>(type: "TEXT", nullable: false),
                    old_value = table.Column<string>(type: "TEXT", nullable: true),
                    new_value = table.Column<string>(type: "TEXT", nullable: true),
                    changed_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    changed_by = table.Column<string>(type: "TEXT", nullable: true),
                    version = table.Column<double>(type: "REAL", nullable: true),
                    derived = table.Column<bool>(type: "INTEGER", nullable: false),
                    semantic_change = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_field_changes", x => new { x.event_sequence, x.ordinal });
                });

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
                name: "payload_dictionaries",
                columns: table => new
                {
                    key = table.Column<long>(type: "INTEGER", nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    trained_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    trained_on_events = table.Column<int>(type: "INTEGER", nullable: false),
                    test_events = table.Column<int>(type: "INTEGER", nullable: false),
                    test_json_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    test_packed_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    test_brotli_bytes = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payload_dictionaries", x => x.key);
                });

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

            migrationBuilder.CreateTable(
                name: "rejected_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    body = table.Column<byte[]>(type: "BLOB", nullable: false),
                    part_index = table.Column<int>(type: "INTEGER", nullable: true),
                    reason = table.Column<string>(type: "TEXT", nullable: false),
                    replay_attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    replayed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    replayed_event_sequence = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rejected_deliveries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "restore_attempts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    entity_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", nullable: false),
                    fqn = table.Column<string>(type: "TEXT", nullable: true),
                    method = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<double>(type: "REAL", nullable: true),
                    requested_by = table.Column<string>(type: "TEXT", nullable: false),
                    requested_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    request_path = table.Column<string>(type: "TEXT", nullable: false),
                    request_body = table.Column<string>(type: "TEXT", nullable: false),
                    answered_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    response_status = table.Column<int>(type: "INTEGER", nullable: true),
                    response_body = table.Column<string>(type: "TEXT", nullable: true),
                    succeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    error_code = table.Column<string>(type: "TEXT", nullable: true),
                    error_message = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_restore_attempts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sequence_counter",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sequence_counter", x => x.id);
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

            migrationBuilder.InsertData(
                table: "sequence_counter",
                columns: new[] { "id", "value" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "ix_actors_change_count",
                table: "actors",
                column: "change_count");

            migrationBuilder.CreateIndex(
                name: "ix_actors_last_seen_at",
                table: "actors",
                column: "last_seen_at");

            migrationBuilder.CreateIndex(
                name: "ix_change_events_breaking",
                table: "change_events",
                columns: new[] { "timestamp", "sequence" },
                filter: "semantic_change = 3");

            migrationBuilder.CreateIndex(
                name: "ix_change_events_entity_fqn_timestamp",
                table: "change_events",
                columns: new[] { "entity_fqn", "timestamp" });

            migrationBuilder.CreateIndex(
                name: "ix_change_events_entity_id_sequence",
                table: "change_events",
                columns: new[] { "entity_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_change_events_event_key",
                table: "change_events",
                column: "event_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_change_events_timestamp_sequence",
                table: "change_events",
                columns: new[] { "timestamp", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_change_events_user_name_timestamp",
                table: "change_events",
                columns: new[] { "user_name", "timestamp" });

            migrationBuilder.CreateIndex(
                name: "ix_deletions_deleted_at",
                table: "deletions",
                column: "deleted_at");

            migrationBuilder.CreateIndex(
                name: "ix_deletions_entity_id_deleted_at",
                table: "deletions",
                columns: new[] { "entity_id", "deleted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_entities_fqn",
                table: "entities",
                column: "fqn");

            migrationBuilder.CreateIndex(
                name: "ix_entities_updated_at",
                table: "entities",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_entity_versions_breaking",
                table: "entity_versions",
                column: "changed_at",
                filter: "semantic_change = 3");

            migrationBuilder.CreateIndex(
                name: "ix_entity_versions_changed_at",
                table: "entity_versions",
                column: "changed_at");

            migrationBuilder.CreateIndex(
                name: "ix_entity_versions_entity_id_changed_at",
                table: "entity_versions",
                columns: new[] { "entity_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_entity_versions_fqn_changed_at",
                table: "entity_versions",
                columns: new[] { "fqn", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_field_changes_breaking",
                table: "field_changes",
                columns: new[] { "changed_at", "event_sequence" },
                filter: "semantic_change = 3");

            migrationBuilder.CreateIndex(
                name: "ix_field_changes_category_changed_at_event_sequence",
                table: "field_changes",
                columns: new[] { "category", "changed_at", "event_sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_field_changes_changed_at_event_sequence",
                table: "field_changes",
                columns: new[] { "changed_at", "event_sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_field_changes_changed_by_changed_at",
                table: "field_changes",
                columns: new[] { "changed_by", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_field_changes_entity_id_event_sequence",
                table: "field_changes",
                columns: new[] { "entity_id", "event_sequence" });

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

            migrationBuilder.CreateIndex(
                name: "ix_purged_ranges_run_id",
                table: "purged_ranges",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "ix_purged_ranges_to_sequence",
                table: "purged_ranges",
                column: "to_sequence");

            migrationBuilder.CreateIndex(
                name: "ix_rejected_deliveries_replayed_at",
                table: "rejected_deliveries",
                column: "replayed_at");

            migrationBuilder.CreateIndex(
                name: "ix_restore_attempts_entity_id_id",
                table: "restore_attempts",
                columns: new[] { "entity_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "actors");

            migrationBuilder.DropTable(
                name: "change_counts");

            migrationBuilder.DropTable(
                name: "change_events");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "deletions");

            migrationBuilder.DropTable(
                name: "entities");

            migrationBuilder.DropTable(
                name: "entity_versions");

            migrationBuilder.DropTable(
                name: "field_changes");

            migrationBuilder.DropTable(
                name: "notification_cursor");

            migrationBuilder.DropTable(
                name: "notification_deliveries");

            migrationBuilder.DropTable(
                name: "payload_dictionaries");

            migrationBuilder.DropTable(
                name: "purge_runs");

            migrationBuilder.DropTable(
                name: "purged_ranges");

            migrationBuilder.DropTable(
                name: "rejected_deliveries");

            migrationBuilder.DropTable(
                name: "restore_attempts");

            migrationBuilder.DropTable(
                name: "sequence_counter");

            migrationBuilder.DropTable(
                name: "notification_targets");
        }
    }
}
