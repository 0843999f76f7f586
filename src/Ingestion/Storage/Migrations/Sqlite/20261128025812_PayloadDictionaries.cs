using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PayloadDictionaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payload_dictionaries");
        }
    }
}
