using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ChangeCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "change_counts",
                columns: table => new
                {
                    dimension = table.Column<short>(type: "smallint", nullable: false),
                    quarter_start = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    key = table.Column<string>(type: "text", nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_change_counts", x => new { x.dimension, x.quarter_start, x.key });
                });

            // The count inside the key's index: a dimension's quarters over a year are then read
            // from the index alone (the rows of all dimensions are written together, so one
            // dimension's rows are spread over the whole table).
            migrationBuilder.Sql("ALTER TABLE change_counts DROP CONSTRAINT pk_change_counts, ADD CONSTRAINT pk_change_counts PRIMARY KEY (dimension, quarter_start, \"key\") INCLUDE (\"count\")");

            // The events stored before: counted as the writer counts them from now on.
            foreach (var statement in ChangeCountFill.Statements(ChangeCountFill.PostgresQuarter))
                migrationBuilder.Sql(statement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "change_counts");
        }
    }
}
