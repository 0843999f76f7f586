using GraphQL.DataLoader;

namespace HistoryGraph.Loading;

public static class LoadedResults
{
    /// A loaded value turned into what the field returns, still deferred: the batch a field
    /// joins runs once for all parents, as if the loader's result were returned itself.
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> loaded, Func<T, TResult> convert) =>
        new Converted<T, TResult>(loaded, convert);

    private sealed class Converted<T, TResult>(IDataLoaderResult<T> loaded, Func<T, TResult> convert) : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) => convert(await loaded.GetResultAsync(cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
