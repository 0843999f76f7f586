using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ActorKind : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "impersonated_by",
                table: "entity_versions",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_entity_versions_impersonated_by_changed_at",
                table: "entity_versions",
                columns: new[] { "impersonated_by", "changed_at" },
                filter: "impersonated_by IS NOT NULL");

            // A blank impersonatedBy names no agent (DeliveryParser reads it so from now on).
            migrationBuilder.Sql("UPDATE change_events SET impersonated_by = NULL WHERE impersonated_by IS NOT NULL AND btrim(impersonated_by) = ''");
            migrationBuilder.Sql("""
                UPDATE entity_versions v SET impersonated_by = e.impersonated_by
                FROM change_events e
                WHERE e.sequence = v.event_sequence AND e.impersonated_by IS NOT NULL
                """);
            // Who made each change (ChangeCounting.ActorKindOf), per quarter hour and per UTC day,
            // from the events still stored; the user's bot flag as it stands now.
            migrationBuilder.Sql("""
                INSERT INTO change_counts (dimension, span, start, "key", "count")
                SELECT 8::smallint, s.span, s.start, k."key", count(*)
                FROM change_events e
                LEFT JOIN actors a ON a.name = e.user_name
                CROSS JOIN LATERAL (VALUES (CASE
                    WHEN e.impersonated_by IS NOT NULL THEN 'AGENT'
                    WHEN coalesce(e.user_name, '') = '' THEN ''
                    WHEN a.is_bot THEN 'BOT'
                    ELSE 'HUMAN' END)) AS k("key")
                CROSS JOIN LATERAL (VALUES
                    (0::smallint, date_bin('15 minutes', e."timestamp", timestamptz '2000-01-01 00:00:00+00')),
                    (2::smallint, date_trunc('day', e."timestamp", 'UTC'))) AS s(span, start)
                GROUP BY s.span, s.start, k."key"
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM change_counts WHERE dimension = 8");

            migrationBuilder.DropIndex(
                name: "ix_entity_versions_impersonated_by_changed_at",
                table: "entity_versions");

            migrationBuilder.DropColumn(
                name: "impersonated_by",
                table: "entity_versions");
        }
    }
}
