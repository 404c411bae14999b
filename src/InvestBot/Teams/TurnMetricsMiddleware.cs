using InvestBot.Common;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace InvestBot.Teams;

/// <summary>Counts every turn by kind: the activity type, and for invokes their name (adaptiveCard/action …).</summary>
public sealed class TurnMetricsMiddleware(InvestBotMetrics metrics) : Microsoft.Bot.Builder.IMiddleware
{
    public Task OnTurnAsync(ITurnContext turn, NextDelegate next, CancellationToken ct)
    {
        metrics.Turn(KindOf(turn.Activity));
        return next(ct);
    }

    public static string KindOf(IActivity? activity) => activity?.Type switch
    {
        null => "unknown",
        ActivityTypes.Invoke => "invoke/" + (string.IsNullOrEmpty(activity.AsInvokeActivity()?.Name) ? "unnamed" : activity.AsInvokeActivity()!.Name),
        var type => type,
    };
}
