using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InitialHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "actors",
                columns: table => new
                {
                    name = table.Column<string>(type: "text", nullable: false),
                    is_bot = table.Column<bool>(type: "boolean", nullable: false),
                    first_seen_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    change_count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_actors", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "change_events",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    event_key = table.Column<string>(type: "text", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: true),
                    event_type = table.Column<string>(type: "text", nullable: false),
                    entity_type = table.Column<string>(type: "text", nullable: false),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity_fqn = table.Column<string>(type: "text", nullable: true),
                    user_name = table.Column<string>(type: "text", nullable: true),
                    impersonated_by = table.Column<string>(type: "text", nullable: true),
                    timestamp = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    previous_version = table.Column<decimal>(type: "numeric", nullable: true),
                    current_version = table.Column<decimal>(type: "numeric", nullable: true),
                    payload = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_change_events", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "entities",
                columns: table => new
                {
                    entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity_type = table.Column<string>(type: "text", nullable: false),
                    fqn = table.Column<string>(type: "text", nullable: true),
                    name = table.Column<string>(type: "text", nullable: true),
                    display_name = table.Column<string>(type: "text", nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    owners = table.Column<string>(type: "jsonb", nullable: true),
                    tags = table.Column<string>(type: "jsonb", nullable: true),
                    tier = table.Column<string>(type: "text", nullable: true),
                    tag_fqns = table.Column<List<string>>(type: "text[]", nullable: false),
                    owner_names = table.Column<List<string>>(type: "text[]", nullable: false),
                    service = table.Column<string>(type: "text", nullable: true),
                    version = table.Column<decimal>(type: "numeric", nullable: true),
                    snapshot = table.Column<string>(type: "jsonb", nullable: true),
                    lifecycle = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_by = table.Column<string>(type: "text", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: true),
                    state_timestamp = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    state_event_sequence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entities", x => x.entity_id);
                });

            migrationBuilder.CreateTable(
                name: "entity_versions",
                columns: table => new
                {
                    entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<decimal>(type: "numeric", nullable: false),
                    entity_type = table.Column<string>(type: "text", nullable: false),
                    fqn = table.Column<string>(type: "text", nullable: true),
                    snapshot = table.Column<string>(type: "jsonb", nullable: false),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<string>(type: "text", nullable: true),
                    event_type = table.Column<string>(type: "text", nullable: false),
                    event_sequence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entity_versions", x => new { x.entity_id, x.version });
                });

            migrationBuilder.CreateTable(
                name: "rejected_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    body = table.Column<byte[]>(type: "bytea", nullable: false),
                    part_index = table.Column<int>(type: "integer", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: false),
                    replay_attempts = table.Column<int>(type: "integer", nullable: false),
                    replayed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    replayed_event_sequence = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rejected_deliveries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sequence_counter",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sequence_counter", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "deletions",
                columns: table => new
                {
                    event_sequence = table.Column<long>(type: "bigint", nullable: false),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity_type = table.Column<string>(type: "text", nullable: false),
                    fqn = table.Column<string>(type: "text", nullable: true),
                    kind = table.Column<string>(type: "text", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    deleted_by = table.Column<string>(type: "text", nullable: true),
                    version = table.Column<decimal>(type: "numeric", nullable: true),
                    last_snapshot = table.Column<string>(type: "jsonb", nullable: true),
                    restored_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    restored_by = table.Column<string>(type: "text", nullable: true),
                    restore_event_sequence = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deletions", x => x.event_sequence);
                    table.ForeignKey(
                        name: "fk_deletions_change_events_event_sequence",
                        column: x => x.event_sequence,
                        principalTable: "change_events",
                        principalColumn: "sequence",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "field_changes",
                columns: table => new
                {
                    event_sequence = table.Column<long>(type: "bigint", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity_type = table.Column<string>(type: "text", nullable: false),
                    entity_fqn = table.Column<string>(type: "text", nullable: true),
                    path = table.Column<string>(type: "text", nullable: false),
                    field = table.Column<string>(type: "text", nullable: false),
                    column = table.Column<string>(type: "text", nullable: true),
                    category = table.Column<string>(type: "text", nullable: false),
                    change_type = table.Column<string>(type: "text", nullable: false),
                    old_value = table.Column<string>(type: "jsonb", nullable: true),
                    new_value = table.Column<string>(type: "jsonb", nullable: true),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<string>(type: "text", nullable: true),
                    version = table.Column<decimal>(type: "numeric", nullable: true),
                    derived = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_field_changes", x => new { x.event_sequence, x.ordinal });
                    table.ForeignKey(
                        name: "fk_field_changes_change_events_event_sequence",
                        column: x => x.event_sequence,
                        principalTable: "change_events",
                        principalColumn: "sequence",
                        onDelete: ReferentialAction.Cascade);
                });

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
                name: "ix_change_events_entity_fqn",
                table: "change_events",
                column: "entity_fqn")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

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
                name: "ix_change_events_event_type_timestamp",
                table: "change_events",
                columns: new[] { "event_type", "timestamp" });

            migrationBuilder.CreateIndex(
                name: "ix_change_events_timestamp",
                table: "change_events",
                column: "timestamp");

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
                name: "ix_entities_entity_type_fqn",
                table: "entities",
                columns: new[] { "entity_type", "fqn" });

            migrationBuilder.CreateIndex(
                name: "ix_entities_fqn",
                table: "entities",
                column: "fqn")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_entities_lifecycle_updated_at",
                table: "entities",
                columns: new[] { "lifecycle", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_entities_updated_at",
                table: "entities",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_entity_versions_changed_at",
                table: "entity_versions",
                column: "changed_at");

            migrationBuilder.CreateIndex(
                name: "ix_entity_versions_changed_by_changed_at",
                table: "entity_versions",
                columns: new[] { "changed_by", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_field_changes_category_changed_at",
                table: "field_changes",
                columns: new[] { "category", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_field_changes_changed_at",
                table: "field_changes",
                column: "changed_at");

            migrationBuilder.CreateIndex(
                name: "ix_field_changes_changed_by_changed_at",
                table: "field_changes",
                columns: new[] { "changed_by", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_field_changes_entity_id_version",
                table: "field_changes",
                columns: new[] { "entity_id", "version" });

            migrationBuilder.CreateIndex(
                name: "ix_field_changes_path_changed_at",
                table: "field_changes",
                columns: new[] { "path", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_rejected_deliveries_replayed_at",
                table: "rejected_deliveries",
                column: "replayed_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "actors");

            migrationBuilder.DropTable(
                name: "deletions");

            migrationBuilder.DropTable(
                name: "entities");

            migrationBuilder.DropTable(
                name: "entity_versions");

            migrationBuilder.DropTable(
                name: "field_changes");

            migrationBuilder.DropTable(
                name: "rejected_deliveries");

            migrationBuilder.DropTable(
                name: "sequence_counter");

            migrationBuilder.DropTable(
                name: "change_events");
        }
    }
}
