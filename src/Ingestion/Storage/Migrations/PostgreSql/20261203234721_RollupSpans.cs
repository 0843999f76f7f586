using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class RollupSpans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_change_counts",
                table: "change_counts");

            migrationBuilder.RenameColumn(
                name: "quarter_start",
                table: "change_counts",
                newName: "start");

            migrationBuilder.AddColumn<short>(
                name: "span",
                table: "change_counts",
                type: "smallint",
                nullable: false,
                defaultValue: (short)0);

            // The key carries the count in its index, so that a range of it is read from the index alone.
            migrationBuilder.Sql("ALTER TABLE change_counts ADD CONSTRAINT pk_change_counts PRIMARY KEY (dimension, span, start, \"key\") INCLUDE (\"count\")");

            // UTC days of what the quarters hold; users and services (not rolled up before) per
            // hour and per day from the events still stored (ChangeCounting.SpansOf).
            migrationBuilder.Sql("""
                INSERT INTO change_counts (dimension, span, start, "key", "count")
                SELECT dimension, 2, date_trunc('day', start, 'UTC'), "key", sum("count")
                FROM change_counts WHERE span = 0
                GROUP BY dimension, date_trunc('day', start, 'UTC'), "key"
                """);
            migrationBuilder.Sql("""
                INSERT INTO change_counts (dimension, span, start, "key", "count")
                SELECT k.dimension, s.span, s.start, k."key", count(*)
                FROM change_events e
                LEFT JOIN entities t ON t.entity_id = e.entity_id
                CROSS JOIN LATERAL (VALUES (4::smallint, coalesce(e.user_name, '')), (5::smallint, coalesce(t.service, ''))) AS k(dimension, "key")
                CROSS JOIN LATERAL (VALUES (1::smallint, date_trunc('hour', e."timestamp", 'UTC')), (2::smallint, date_trunc('day', e."timestamp", 'UTC'))) AS s(span, start)
                GROUP BY k.dimension, s.span, s.start, k."key"
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM change_counts WHERE span <> 0");

            migrationBuilder.DropPrimaryKey(
                name: "pk_change_counts",
                table: "change_counts");

            migrationBuilder.DropColumn(
                name: "span",
                table: "change_counts");

            migrationBuilder.RenameColumn(
                name: "start",
                table: "change_counts",
                newName: "quarter_start");

            migrationBuilder.AddPrimaryKey(
                name: "pk_change_counts",
                table: "change_counts",
                columns: new[] { "dimension", "quarter_start", "key" });
        }
    }
}
