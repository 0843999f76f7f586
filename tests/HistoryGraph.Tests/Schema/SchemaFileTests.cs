using GraphQL.Types;
using HistoryGraph.Schema;
using HistoryGraph.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryGraph.Tests.Schema;

/// schema/history.graphql is the schema as served, so that every change to the API shows up as
/// a diff in review. HISTORYGRAPH_UPDATE_SCHEMA=1 rewrites it instead of comparing.
public class SchemaFileTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    private static string SchemaFile => Path.Combine(RepositoryPaths.Root, "schema", "history.graphql");

    [Fact]
    public async Task the_schema_file_is_the_schema_the_server_serves()
    {
        var served = (await fixture.Server.Client.GetStringAsync("/graphql?sdl")).ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("HISTORYGRAPH_UPDATE_SCHEMA") == "1")
            await File.WriteAllTextAsync(SchemaFile, served);

        Assert.True(File.Exists(SchemaFile), $"{SchemaFile} is missing: run the tests once with HISTORYGRAPH_UPDATE_SCHEMA=1.");
        var committed = (await File.ReadAllTextAsync(SchemaFile)).ReplaceLineEndings("\n");
        Assert.True(committed == served,
            "schema/history.graphql differs from the schema the server serves. If the change is intended, run the tests with " +
            "HISTORYGRAPH_UPDATE_SCHEMA=1 and commit the file.\n" + served);
    }

    [Fact]
    public void every_type_field_and_argument_has_a_description()
    {
        var schema = fixture.Server.Services.GetRequiredService<HistorySchema>();
        schema.Initialize();
        var missing = new List<string>();
        foreach (var type in schema.AllTypes.Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal) && !IsBuiltInScalar(t)))
        {
            if (string.IsNullOrWhiteSpace(type.Description))
                missing.Add(type.Name);
            if (type is IComplexGraphType complex)
            {
                foreach (var field in complex.Fields)
                {
                    if (string.IsNullOrWhiteSpace(field.Description))
                        missing.Add($"{type.Name}.{field.Name}");
                    foreach (var argument in field.Arguments ?? [])
                    {
                        if (string.IsNullOrWhiteSpace(argument.Description))
                            missing.Add($"{type.Name}.{field.Name}({argument.Name})");
                    }
                }
            }
            if (type is EnumerationGraphType enumeration)
            {
                foreach (var value in enumeration.Values)
                {
                    if (string.IsNullOrWhiteSpace(value.Description))
                        missing.Add($"{type.Name}.{value.Name}");
                }
            }
        }
        Assert.True(missing.Count == 0, "Without a description: " + string.Join(", ", missing));
    }

    // The specification's own scalars, which SDL does not print.
    private static bool IsBuiltInScalar(IGraphType type) =>
        type is ScalarGraphType && type.Name is "String" or "Int" or "Float" or "Boolean" or "ID";
}
