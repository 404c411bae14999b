using Azure.Data.Tables;

namespace InvestBot.Storage;

/// <summary>Answers whether Table Storage is reachable, for GET /healthz.</summary>
public sealed class StorageHealth
{
    private readonly TableServiceClient _service;

    public StorageHealth(TableServiceClient service) => _service = service;

    public async Task<(bool Healthy, string Detail)> CheckAsync(CancellationToken ct)
    {
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            // Answer well within a 5 s probe timeout even when storage hangs (accepts the connection, never replies).
            cts.CancelAfter(TimeSpan.FromSeconds(3));
            await foreach (var _ in _service.QueryAsync(maxPerPage: 1, cancellationToken: cts.Token).AsPages(pageSizeHint: 1))
                break;
            return (true, "storage ok");
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or OperationCanceledException or HttpRequestException or AggregateException)
        {
            return (false, "storage unavailable");
        }
    }
}
