using System.Net;
using System.Text;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Infrastructure;

public sealed record TestUser(string Id, string AadObjectId, string Name)
{
    public static TestUser Admin => new("29:admin", BotApp.AdminAadId, "合作办管理员");
    public static TestUser Named(string name) => new("29:" + name, Guid.NewGuid().ToString(), name);
}

/// <summary>What an Action.Execute returned: the invoke body and any messages sent alongside.</summary>
public sealed record InvokeResult(JObject Body, IReadOnlyList<Activity> Messages)
{
    public JObject? Card => Body.Value<string>("type") == "application/vnd.microsoft.card.adaptive" ? Body["value"] as JObject : null;
    public string? Message => Body.Value<string>("type") == "application/vnd.microsoft.activity.message" ? Body.Value<string>("value") : null;
}

public sealed record TestConversation(string Id, string Type, string? TeamId = null, string? TeamName = null, string? ChannelName = null)
{
    public static TestConversation Personal(TestUser user) => new("a:personal-" + user.AadObjectId, "personal");
    public static TestConversation Group(string id = "19:group-test@thread.v2") => new(id, "groupChat");
    public static TestConversation Channel(string id = "19:channel-test@thread.tacv2") => new(id, "channel", "19:team-test@thread.tacv2", "招商团队", "通报");
}

/// <summary>
/// Talks to the bot's real /api/messages endpoint in expectReplies mode and returns what the bot said.
/// Every Adaptive Card the bot returns is validated against the 1.5 schema on the way.
/// </summary>
public sealed class BotClient
{
    public const string BotId = "28:investbot";
    private readonly HttpClient _http;
    private int _seq;

    public BotClient(HttpClient http) => _http = http;

    public string ServiceUrl { get; set; } = "http://127.0.0.1:9/unused-connector/";

    public Task<IReadOnlyList<Activity>> SayAsync(string text, TestUser user, TestConversation? conversation = null, bool mention = true,
        IList<Attachment>? attachments = null)
    {
        conversation ??= TestConversation.Personal(user);
        var activity = NewActivity(ActivityTypes.Message, user, conversation);
        activity.Attachments = attachments;
        if (conversation.Type != "personal" && mention)
        {
            activity.Text = $"<at>InvestBot</at> {text}";
            activity.Entities = new List<Entity>
            {
                new Mention { Mentioned = new ChannelAccount(BotId, "InvestBot"), Text = "<at>InvestBot</at>", Type = "mention" },
            };
        }
        else
        {
            activity.Text = text;
        }
        return SendAsync(activity);
    }

    public Task<IReadOnlyList<Activity>> InstallAsync(TestConversation conversation, TestUser by)
    {
        var activity = NewActivity(ActivityTypes.ConversationUpdate, by, conversation);
        activity.MembersAdded = new List<ChannelAccount> { new(BotId, "InvestBot") };
        return SendAsync(activity);
    }

    /// <summary>The installationUpdate (add) Teams sends alongside the conversationUpdate when the app is installed.</summary>
    public Task<IReadOnlyList<Activity>> InstallationUpdateAsync(TestConversation conversation, TestUser by)
    {
        var activity = NewActivity(ActivityTypes.InstallationUpdate, by, conversation);
        activity.Action = "add";
        return SendAsync(activity);
    }

    /// <summary>A <c>Card.Say</c> button press: the kernel's bot.say verb with the text the button carries.</summary>
    public Task<InvokeResult> PressSayAsync(string text, TestUser user, TestConversation? conversation = null) =>
        ExecuteAsync("bot.say", new JObject { ["text"] = text }, user, conversation);

    public Task<IReadOnlyList<Activity>> UninstallAsync(TestConversation conversation, TestUser by)
    {
        var activity = NewActivity(ActivityTypes.InstallationUpdate, by, conversation);
        activity.Action = "remove";
        return SendAsync(activity);
    }

    /// <summary>
    /// An Action.Execute press (adaptiveCard/action invoke). Returns the invoke response body
    /// ({statusCode, type, value}) and anything else the bot said during the turn.
    /// </summary>
    public async Task<InvokeResult> ExecuteAsync(string verb, JToken data, TestUser user, TestConversation? conversation = null)
    {
        conversation ??= TestConversation.Personal(user);
        var activity = NewActivity(ActivityTypes.Invoke, user, conversation);
        activity.Name = "adaptiveCard/action";
        activity.Value = new JObject
        {
            ["action"] = new JObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        var replies = await SendAsync(activity);
        // In expectReplies mode the invoke response travels as an "invokeResponse" activity.
        var invoke = Assert.Single(replies, a => a.Type == "invokeResponse");
        var value = JObject.FromObject(invoke.Value);
        // The adapter serialises InvokeResponse with its C# property names (Status, Body).
        Assert.Equal(200, value.GetValue("status", StringComparison.OrdinalIgnoreCase)?.Value<int>());
        var body = (JObject)value.GetValue("body", StringComparison.OrdinalIgnoreCase)!;
        if (body.Value<string>("type") == "application/vnd.microsoft.card.adaptive")
            CardSchema.AssertValid(body["value"]!);
        return new InvokeResult(body, replies.Where(a => a.Type != "invokeResponse").ToList());
    }

    public async Task<IReadOnlyList<Activity>> SendAsync(Activity activity)
    {
        var (status, body) = await PostAsync(activity);
        Assert.True(status == HttpStatusCode.OK, $"bot answered {(int)status}: {body}");
        if (string.IsNullOrWhiteSpace(body)) return Array.Empty<Activity>();
        var replies = JsonConvert.DeserializeObject<ExpectedReplies>(body)!.Activities ?? new List<Activity>();
        foreach (var card in replies.SelectMany(Cards))
            CardSchema.AssertValid(card);
        return replies.ToList();
    }

    public async Task<(HttpStatusCode Status, string Body)> PostAsync(Activity activity)
    {
        var json = JsonConvert.SerializeObject(activity, new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore });
        using var response = await _http.PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static IEnumerable<JObject> Cards(Activity a) =>
        (a.Attachments ?? new List<Attachment>())
        .Where(x => x.ContentType == "application/vnd.microsoft.card.adaptive")
        .Select(x => x.Content as JObject ?? JObject.FromObject(x.Content));

    /// <summary>Everything a person would read in the replies: texts and all card text, in order.</summary>
    public static string AllText(IEnumerable<Activity> replies) =>
        string.Join("\n", replies.SelectMany(a => new[] { a.Text ?? "" }.Concat(Cards(a).Select(CardText))));

    public static string CardText(JToken card) =>
        string.Join("\n", card.SelectTokens("$..text").Concat(card.SelectTokens("$..title")).Concat(card.SelectTokens("$..value"))
            .Where(t => t.Type == JTokenType.String).Select(t => t.ToString()));

    private Activity NewActivity(string type, TestUser user, TestConversation conversation)
    {
        var channelData = new JObject { ["tenant"] = new JObject { ["id"] = "tenant-test" } };
        if (conversation.TeamId is not null)
        {
            channelData["team"] = new JObject { ["id"] = conversation.TeamId, ["name"] = conversation.TeamName };
            channelData["channel"] = new JObject { ["id"] = conversation.Id, ["name"] = conversation.ChannelName };
        }
        return new Activity
        {
            Type = type,
            Id = "act-" + Interlocked.Increment(ref _seq),
            ChannelId = "msteams",
            ServiceUrl = ServiceUrl,
            DeliveryMode = DeliveryModes.ExpectReplies,
            Timestamp = DateTimeOffset.UtcNow,
            From = new ChannelAccount(user.Id, user.Name) { AadObjectId = user.AadObjectId },
            Recipient = new ChannelAccount(BotId, "InvestBot"),
            Conversation = new ConversationAccount(conversation.Type != "personal", conversation.Type, conversation.Id) { TenantId = "tenant-test" },
            ChannelData = channelData,
            Locale = "zh-CN",
        };
    }
}
