using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Builder.TraceExtensions;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using InvestBot.Common;

namespace InvestBot.Teams;

/// <summary>The Bot Framework CloudAdapter, with an error handler that apologises in Chinese and never leaks details.</summary>
public sealed class InvestBotAdapter : CloudAdapter
{
    public InvestBotAdapter(BotFrameworkAuthentication auth, ILogger<InvestBotAdapter> logger, InvestBotMetrics metrics)
        : base(auth, logger)
    {
        Use(new TurnMetricsMiddleware(metrics));
        OnTurnError = async (turn, exception) =>
        {
            metrics.Error("turn", exception);
            logger.LogError(exception, "Unhandled error in turn {ActivityType} {ActivityId}", turn.Activity?.Type, turn.Activity?.Id);
            try
            {
                // Last resort (the handler answers message and card failures itself): claims nothing about what was saved.
                await turn.SendActivityAsync("抱歉，InvestBot 处理您的消息时出错了，请稍后再试。");
                await turn.TraceActivityAsync("OnTurnError Trace", exception.GetType().Name, "https://www.botframework.com/schemas/error", "TurnError");
            }
            catch (Exception sendError)
            {
                logger.LogError(sendError, "Could not tell the user about the error");
            }
        };
    }

    /// <summary>Runs an activity already read from the request and its token already validated (the endpoint's trust boundary does both once).</summary>
    public Task<InvokeResponse> ProcessAsync(AuthenticateRequestResult authenticated, Activity activity, IBot bot, CancellationToken ct) =>
        ProcessActivityAsync(authenticated, activity, bot.OnTurnAsync, ct);
}
