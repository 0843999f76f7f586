using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: (short)0);

            migrationBuilder.AddPrimaryKey(
                name: "pk_change_counts",
                table: "change_counts",
                columns: new[] { "dimension", "span", "start", "key" });

            // UTC days of what the quarters hold; users and services (not rolled up before) per
            // hour and per day from the events still stored (ChangeCounting.SpansOf). Instants
            // are text here, 'yyyy-MM-dd HH:mm:ss' and a fraction when there is one.
            migrationBuilder.Sql("""
                INSERT INTO change_counts (dimension, span, start, "key", "count")
                SELECT dimension, 2, substr(start, 1, 10) || ' 00:00:00', "key", sum("count")
                FROM change_counts WHERE span = 0
                GROUP BY dimension, substr(start, 1, 10), "key"
                """);
            foreach (var (dimension, key, join) in new[] { (4, "coalesce(e.user_name, '')", ""), (5, "coalesce(t.service, '')", "LEFT JOIN entities t ON t.entity_id = e.entity_id") })
            {
                foreach (var (span, start) in new[] { (1, "substr(e.\"timestamp\", 1, 13) || ':00:00'"), (2, "substr(e.\"timestamp\", 1, 10) || ' 00:00:00'") })
                {
                    migrationBuilder.Sql($"""
                        INSERT INTO change_counts (dimension, span, start, "key", "count")
                        SELECT {dimension}, {span}, {start}, {key}, count(*)
                        FROM change_events e {join}
                        GROUP BY {start}, {key}
                        """);
                }
            }
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
