using System.Text;
using GraphQL;

namespace HistoryGraph.Live;

/// A result already serialized: transports send its bytes as they are, however many
/// subscribers receive it.
public sealed class RenderedResult(ExecutionResult result, byte[] utf8Json) : ExecutionResult(result)
{
    public byte[] Utf8Json { get; } = utf8Json;

    /// The JSON of any result: the kept bytes of a rendered one, a fresh serialization otherwise.
    public static byte[] Utf8JsonOf(ExecutionResult result, IGraphQLTextSerializer serializer) =>
        result is RenderedResult rendered ? rendered.Utf8Json : Encoding.UTF8.GetBytes(serializer.Serialize(result));
}
