using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace InvestBot.Benchmarks.EchoFloor;

/// <summary>
/// The floor: a bare Bot Framework 4.23.1 bot on its own ASP.NET host, configured as InvestBot is (CloudAdapter,
/// configuration authentication with no app id, the same log levels), whose handler only echoes the text.
/// </summary>
public static class EchoBotHost
{
    public static void Run(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Bot", LogLevel.Warning);
        builder.Services.AddSingleton<BotFrameworkAuthentication, ConfigurationBotFrameworkAuthentication>();
        builder.Services.AddSingleton<IBotFrameworkHttpAdapter>(sp => new CloudAdapter(
            sp.GetRequiredService<BotFrameworkAuthentication>(), sp.GetRequiredService<ILogger<CloudAdapter>>()));
        builder.Services.AddSingleton<IBot, EchoBot>();
        var app = builder.Build();
        app.MapPost("/api/messages", (HttpRequest request, HttpResponse response, IBotFrameworkHttpAdapter adapter, IBot bot, CancellationToken ct) =>
            adapter.ProcessAsync(request, response, bot, ct));
        app.Run();
    }

    private sealed class EchoBot : ActivityHandler
    {
        protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turn, CancellationToken ct) =>
            turn.SendActivityAsync(MessageFactory.Text(turn.Activity.Text), ct);
    }
}
