using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HistoryGraph.Ingestion.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Followers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "follower_names",
                table: "entities",
                type: "text[]",
                nullable: false,
                // Existing entities follow nobody until FollowerNamesCatchUp reads their history.
                defaultValueSql: "'{}'");

            migrationBuilder.CreateTable(
                name: "completed_data_migrations",
                columns: table => new
                {
                    name = table.Column<string>(type: "text", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
