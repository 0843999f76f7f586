using GraphQL;
using HistoryGraph.Access;
using HistoryGraph.Execution;
using HistoryGraph.Live;
using HistoryGraph.Schema;
using HistoryGraph.Transport.Requests;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Transport.Streaming;

/// One operation on a live connection (a WebSocket subscribe, an SSE request). A query or
/// mutation gives one result and completes; a subscription gives a result per event until the
/// stream ends or the operation is stopped. A request that cannot run (it does not parse or
/// validate, or the subscription refuses its arguments) ends with Failed and no result.
/// The transport supplies what to do with each outcome.
public sealed class LiveOperation(Action<ExecutionResult> next, Action<ExecutionResult> failed, Action completed) : IObserver<ExecutionResult>, IAsyncDisposable
{
    private AsyncServiceScope? _scope;
    private IDisposable? _subscription;
    private SubscriberFlow? _flow;
    private int _ended;
    private LiveOperationLimit? _limit;
    private string? _slot;
    private IDisposable? _counted;

    public async Task StartAsync(HttpContext http, GraphQLHttpRequest request, Caller caller, SendBuffer buffer, LiveConnectionLease connection, CancellationToken cancellationToken)
    {
        var serializer = http.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        var max = http.RequestServices.GetRequiredService<IOptions<StreamingOptions>>().Value.MaxOperationsPerCaller;
        _limit = http.RequestServices.GetRequiredService<LiveOperationLimit>();
        var slot = caller.IsAnonymous ? "address " + http.Connection.RemoteIpAddress : caller.Name;
        if (!_limit.TryEnter(slot, max))
        {
            End(() => failed(new ExecutionResult
            {
                Errors = [new ExecutionError($"{(caller.IsAnonymous ? "This address" : caller.Name)} already runs {max} live operations (Streaming:MaxOperationsPerCaller).") { Code = "TOO_MANY_SUBSCRIPTIONS" }],
            }));
            return;
        }
        _slot = slot;
        _flow = new SubscriberFlow(buffer.WaitForRoomAsync, () => buffer.HasRoom, ResultKey(request, caller, serializer));
        // A scope of its own: a subscription outlives any one message, and ends with the operation.
        _scope = http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var executer = http.RequestServices.GetRequiredService<IDocumentExecuter<HistorySchema>>();
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            DocumentId = request.DocumentId,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = _scope.Value.ServiceProvider,
            UserContext = new Dictionary<string, object?>
            {
                [SubscriberFlow.Key] = _flow,
                [Caller.ContextKey] = caller,
                [OperationCost.ContextKey] = new OperationCost(reportRequested: false),
            },
            CancellationToken = cancellationToken,
        });
        if (result.Streams is { Count: > 0 } streams)
        {
            _counted = connection.Subscription();
            _subscription = streams.Values.Single().Subscribe(this);
            return;
        }
        if (result.Data is null && result.Errors is { Count: > 0 })
        {
            End(() => failed(result));
            return;
        }
        next(result);
        End(completed);
    }

    // What the result of an event depends on: the document, the operation, the variables, and
    // (to be safe once results depend on who asks) the user.
    private static string ResultKey(GraphQLHttpRequest request, Caller caller, IGraphQLTextSerializer serializer) =>
        string.Join('\n', request.Query ?? request.DocumentId, request.OperationName, request.Variables is null ? "" : serializer.Serialize(request.Variables), caller.RolesText, caller.Name);

    public void OnNext(ExecutionResult value)
    {
        if (Volatile.Read(ref _ended) == 1)
            return;
        next(value);
    }

    public void OnError(Exception error) => End(() =>
    {
        var code = error is ExecutionError { Code: { } known } ? known : "STREAM_FAILED";
        next(new ExecutionResult { Errors = [new ExecutionError("The event stream failed; resubscribe with `after` to resume.") { Code = code }] });
        completed();
    });

    public void OnCompleted() => End(completed);

    /// Stops the operation without telling the client (it asked, or the connection ended).
    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _ended, 1);
        ReleaseSlot();
        _counted?.Dispose();
        _subscription?.Dispose();
        if (_scope is { } scope)
            await scope.DisposeAsync();
    }

    private void End(Action last)
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            ReleaseSlot();
            _counted?.Dispose();
            last();
        }
    }

    private void ReleaseSlot()
    {
        if (Interlocked.Exchange(ref _slot, null) is { } slot)
            _limit!.Exit(slot);
    }
}
