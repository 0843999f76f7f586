using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TransparencyLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "tree_edge",
                table: "sequence_counter",
                type: "BLOB",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<long>(
                name: "tree_size",
                table: "sequence_counter",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "send_checkpoints",
                table: "notification_targets",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Targets made before keep being sent change events.
            migrationBuilder.AddColumn<bool>(
                name: "send_events",
                table: "notification_targets",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<long>(
                name: "checkpoint_id",
                table: "notification_deliveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "log_checkpoints",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    tree_size = table.Column<long>(type: "INTEGER", nullable: false),
                    root_hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    note = table.Column<string>(type: "TEXT", nullable: false),
                    key_name = table.Column<string>(type: "TEXT", nullable: false),
                    key_hash = table.Column<long>(type: "INTEGER", nullable: false),
                    verifier_key = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_log_checkpoints", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "log_signing_keys",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    signer_key = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_log_signing_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "log_tiles",
                columns: table => new
                {
                    level = table.Column<short>(type: "INTEGER", nullable: false),
                    index = table.Column<long>(type: "INTEGER", nullable: false),
                    offset = table.Column<short>(type: "INTEGER", nullable: false),
                    hashes = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_log_tiles", x => new { x.level, x.index, x.offset });
                });

            migrationBuilder.UpdateData(
                table: "sequence_counter",
                keyColumn: "id",
                keyValue: 1,
                columns: new[] { "tree_edge", "tree_size" },
                values: new object[] { new byte[0], 0L });

            migrationBuilder.CreateIndex(
                name: "ix_log_checkpoints_created_at",
                table: "log_checkpoints",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_log_checkpoints_tree_size_key_hash",
                table: "log_checkpoints",
                columns: new[] { "tree_size", "key_hash" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "log_checkpoints");

            migrationBuilder.DropTable(
                name: "log_signing_keys");

            migrationBuilder.DropTable(
                name: "log_tiles");

            migrationBuilder.DropColumn(
                name: "tree_edge",
                table: "sequence_counter");

            migrationBuilder.DropColumn(
                name: "tree_size",
                table: "sequence_counter");

            migrationBuilder.DropColumn(
                name: "send_checkpoints",
                table: "notification_targets");

            migrationBuilder.DropColumn(
                name: "send_events",
                table: "notification_targets");

            migrationBuilder.DropColumn(
                name: "checkpoint_id",
                table: "notification_deliveries");
        }
    }
}
