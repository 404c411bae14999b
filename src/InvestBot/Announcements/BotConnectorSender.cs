using InvestBot.Teams;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using InvestBot.Conversations;
using InvestBot.Teams.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace InvestBot.Announcements;

/// <summary>
/// Proactive posts through the Bot Connector REST API to the conversation's stored serviceUrl, authenticated the way
/// CloudAdapter does for ContinueConversation (no token when MicrosoftAppId is empty, e.g. against a loopback connector in tests).
/// It does not retry itself: <see cref="DeliveryProcessor"/> owns retries and pacing.
/// </summary>
public sealed class BotConnectorSender(BotFrameworkAuthentication auth, IConfiguration configuration, TimeProvider time) : IAnnouncementSender
{
    private readonly string _appId = configuration["MicrosoftAppId"] ?? "";
    private readonly TimeSpan _lifetime = BotConnectorHttp.Lifetime(configuration);
    private readonly ConcurrentDictionary<string, (Lazy<Task<IConnectorClient>> Client, DateTimeOffset Until)> _clients = new();

    public async Task<SendResult> SendAsync(ConversationRecord to, OutgoingMessage message, CancellationToken ct)
    {
        var activity = message.CardJson is null
            ? MessageFactory.Text(message.Text)
            : Card.ToActivity(JObject.Parse(message.CardJson), message.Text, message.ShowText);
        activity.ChannelId = to.ChannelId;
        activity.ServiceUrl = to.ServiceUrl;
        activity.Conversation = new ConversationAccount(to.ConversationType != "personal", to.ConversationType, to.ConversationId) { TenantId = to.TenantId };
        activity.From = new ChannelAccount(to.BotId ?? _appId, to.BotName);
        try
        {
            var client = await ClientAsync(to.ServiceUrl, ct);
            await client.Conversations.SendToConversationAsync((Activity)activity, ct);
            return SendResult.Ok;
        }
        catch (ErrorResponseException e)
        {
            var status = (int)e.Response.StatusCode;
            var detail = $"HTTP {status}";
            return status switch
            {
                403 or 404 => new SendResult(SendStatus.Gone, null, detail),
                429 or 412 or 408 or >= 500 => new SendResult(SendStatus.Retry, RetryAfter(e.Response.Headers), detail),
                _ => new SendResult(SendStatus.Failed, null, detail),
            };
        }
        catch (HttpRequestException e)
        {
            return new SendResult(SendStatus.Retry, null, e.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new SendResult(SendStatus.Retry, null, "timeout");
        }
    }

    /// <summary>One client per service URL, renewed after the connection lifetime (its pooled connections recycle sooner still).</summary>
    private Task<IConnectorClient> ClientAsync(string serviceUrl, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var entry = _clients.AddOrUpdate(serviceUrl, url => (Create(url), now + _lifetime),
            (url, old) => old.Until > now ? old : (Create(url), now + _lifetime));
        var task = entry.Client.Value;
        if (task.IsFaulted) _clients.TryRemove(new(serviceUrl, entry));
        return task.WaitAsync(ct);
    }

    private Lazy<Task<IConnectorClient>> Create(string serviceUrl) => new(async () =>
    {
        var identity = new ClaimsIdentity(new[]
        {
            new Claim(AuthenticationConstants.AudienceClaim, _appId),
            new Claim(AuthenticationConstants.AppIdClaim, _appId),
        });
        // The factory's clients carry no retry handler, so every status reaches DeliveryProcessor.
        return await auth.CreateConnectorFactory(identity).CreateAsync(serviceUrl, auth.GetOriginatingAudience(), CancellationToken.None);
    });

    /// <summary>Retry-After in seconds or as an HTTP date.</summary>
    public static TimeSpan? RetryAfter(IDictionary<string, IEnumerable<string>>? headers)
    {
        var value = headers?.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(Math.Max(0, seconds));
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            var delta = at - DateTimeOffset.UtcNow;
            return delta > TimeSpan.Zero ? delta : TimeSpan.Zero;
        }
        return null;
    }
}
