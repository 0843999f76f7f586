using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Followers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "follower_names",
                table: "entities",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "completed_data_migrations",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_completed_data_migrations", x => x.name);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "completed_data_migrations");

            migrationBuilder.DropColumn(
                name: "follower_names",
                table: "entities");
        }
    }
}
