using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_entity_versions_impersonated_by_changed_at",
                table: "entity_versions",
                columns: new[] { "impersonated_by", "changed_at" },
                filter: "impersonated_by IS NOT NULL");

            // A blank impersonatedBy names no agent (DeliveryParser reads it so from now on).
            migrationBuilder.Sql("UPDATE change_events SET impersonated_by = NULL WHERE impersonated_by IS NOT NULL AND trim(impersonated_by) = ''");
            migrationBuilder.Sql("""
                UPDATE entity_versions SET impersonated_by =
                    (SELECT e.impersonated_by FROM change_events e WHERE e.sequence = entity_versions.event_sequence)
                WHERE event_sequence IN (SELECT sequence FROM change_events WHERE impersonated_by IS NOT NULL)
                """);
            // Who made each change (ChangeCounting.ActorKindOf), per quarter hour and per UTC day,
            // from the events still stored; the user's bot flag as it stands now. Instants are
            // text here, 'yyyy-MM-dd HH:mm:ss' and a fraction when there is one.
            const string kind = """
                CASE WHEN e.impersonated_by IS NOT NULL THEN 'AGENT'
                     WHEN coalesce(e.user_name, '') = '' THEN ''
                     WHEN a.is_bot THEN 'BOT'
                     ELSE 'HUMAN' END
                """;
            foreach (var (span, start) in new[]
            {
                (0, "substr(e.\"timestamp\", 1, 14) || printf('%02d', cast(substr(e.\"timestamp\", 15, 2) AS INTEGER) / 15 * 15) || ':00'"),
                (2, "substr(e.\"timestamp\", 1, 10) || ' 00:00:00'"),
            })
            {
                migrationBuilder.Sql($"""
                    INSERT INTO change_counts (dimension, span, start, "key", "count")
                    SELECT 8, {span}, {start}, {kind}, count(*)
                    FROM change_events e LEFT JOIN actors a ON a.name = e.user_name
                    GROUP BY {start}, {kind}
                    """);
            }
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
