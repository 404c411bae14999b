using InvestBot.Access;
using InvestBot.Common;
using InvestBot.Organization;
using InvestBot.Teams;
using InvestBot.Teams.Cards;
using InvestBot.Teams.Commands;

namespace InvestBot.KeyProjects.Bot;

/// <summary>
/// The buttons on the ledger's cards: 登记, 保存, 更新进展 / 提交, 认定, 查看, 我的项目, 登记新项目, 记录检查问题, 整改完成 / 重新打开. Card data is untrusted:
/// read through the typed payloads, then every decision is the service's, from the user's role and binding.
/// </summary>
public sealed class ProjectActions(KeyProjectService service, KeyProjectViews views, KeyProjectCards cards, UnitDirectory units,
    ProjectReplies replies) : ICardActionHandler
{
    public async Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken ct)
    {
        var user = request.User;
        switch (request.Verb)
        {
            case KeyProjectCards.RegisterVerb when request.Read<RegisterPayload>() is { } p:
                return replies.ToResult(await service.RegisterAsync(user, p.UnitId, p.ProjectId, ProjectInputs.From(request.Data, ProjectFields.Details), ct));
            case KeyProjectCards.EditOpenVerb when request.Read<ProjectRefPayload>() is { } p:
                return replies.ToResult(await service.OpenEditAsync(user, p.UnitId, p.ProjectId, ct));
            case KeyProjectCards.EditVerb when request.Read<EditPayload>() is { } p:
                return replies.ToResult(await service.EditAsync(user, p.UnitId, p.ProjectId, p.Revision, ProjectInputs.From(request.Data, ProjectFields.Details), ct));
            case KeyProjectCards.ProgressOpenVerb when request.Read<ProjectRefPayload>() is { } p:
                return replies.ToResult(await service.OpenProgressAsync(user, p.UnitId, p.ProjectId, ct));
            case KeyProjectCards.ProgressVerb when request.Read<ProjectProgressPayload>() is { } p:
                return replies.ToResult(await service.RecordProgressAsync(user, p.UnitId, p.ProjectId, p.Month, p.Revision,
                    ProjectInputs.From(request.Data, ProjectFields.Progress), ct));
            case KeyProjectCards.MarkVerb when request.Read<MarkPayload>() is { } p:
                return replies.ToResult(await service.MarkAsync(user, p.UnitId, p.ProjectId, p.Revision, p.Level, ct));
            case KeyProjectCards.ViewVerb when request.Read<PickPayload>() is { } pick:
                // From the overview: the project opens in a new card and the overview stays, so the admin can pick the next one.
                var picked = await service.DetailAsync(user, pick.Project.UnitId, pick.Project.ProjectId, ct);
                if (replies.Of(picked) is not ({ } detailCard, var title)) return replies.ToResult(picked);
                await request.Turn.SendActivityAsync(Card.ToActivity(detailCard, title), ct);
                return CardActionResult.Say(CardText.Literal(KeyProjectTexts.OpenedBelow(title)));
            case KeyProjectCards.ViewVerb when request.Read<ProjectRefPayload>() is { } p:
                return replies.ToResult(await service.DetailAsync(user, p.UnitId, p.ProjectId, ct));
            case KeyProjectCards.FindingOpenVerb when request.Read<ProjectRefPayload>() is { } p:
                return replies.ToResult(await service.OpenFindingAsync(user, p.UnitId, p.ProjectId, ct));
            case KeyProjectCards.FindingVerb when request.Read<FindingPayload>() is { } p:
                return replies.ToResult(await service.RecordFindingAsync(user, p.UnitId, p.ProjectId, p.FindingId,
                    ProjectInputs.From(request.Data, ProjectFields.Finding), ct));
            case KeyProjectCards.RectifyOpenVerb when request.Read<FindingStatePayload>() is { } p:
                return replies.ToResult(await service.OpenRectifyAsync(user, p.UnitId, p.ProjectId, p.FindingId, p.Revision, ct));
            case KeyProjectCards.RectifyVerb when request.Read<FindingStatePayload>() is { } p:
                return replies.ToResult(await service.RectifyAsync(user, p.UnitId, p.ProjectId, p.FindingId, p.Revision,
                    ProjectInputs.From(request.Data, ProjectFields.Rectification), ct));
            case KeyProjectCards.ReopenVerb when request.Read<FindingStatePayload>() is { } p:
                return replies.ToResult(await service.ReopenAsync(user, p.UnitId, p.ProjectId, p.FindingId, p.Revision, ct));
            case KeyProjectCards.ListVerb:
                var (view, denied) = await views.MineAsync(user, null, ct);
                return view is null ? CardActionResult.Say(denied!) : CardActionResult.Replace(cards.Mine(view));
            case KeyProjectCards.NewVerb when request.Read<NewProjectPayload>() is { } p:
                var unit = p.UnitId is null ? null : units.FindById(p.UnitId);
                if (p.UnitId is not null && unit is null) return CardActionResult.Say(KeyProjectTexts.UnknownUnit);
                return replies.ToResult(await service.OpenRegistrationAsync(user, unit, ct));
            default:
                return CardActionResult.Say(KeyProjectTexts.StaleForm);
        }
    }
}

/// <summary>
/// A button that runs one of this capability's commands as if the user had typed it (the answers to （二十六） and the
/// overview's 导出 offer them; imBack buttons do not work everywhere). The command's own row decides who and where,
/// with the router's wording; the result is posted as new messages, the pressed card stays.
/// </summary>
public sealed class OpenCommandAction(IServiceProvider services, UserRoles roles) : ICardActionHandler
{
    public async Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken ct)
    {
        if (request.Read<OpenCommandPayload>() is not { } payload || KeyProjectCommands.Find(payload.Command) is not { } command)
            return CardActionResult.Say(BotTexts.UnknownButton);
        if (!command.Allows(roles, request.User))
            return CardActionResult.Say(command.Refusal(roles, request.User));
        if ((command.Scopes & ConversationScopes.Of(request.ConversationType)) == 0)
            return CardActionResult.Say(BotTexts.WrongScope(command.Name, ConversationScopes.Describe(command.Scopes)));
        var handler = (ICommandHandler)services.GetRequiredService(command.Handler);
        await handler.HandleAsync(new CommandRequest(request.Turn, command.Name, request.User, command, command.Name, ""), ct);
        return CardActionResult.Say(KeyProjectTexts.Opened(command.Name));
    }
}

/// <summary>确认发布 / 取消 on the quarterly report's preview (admins; checked again on every press).</summary>
public sealed class ReportPublishActions(MajorProjectPublisher publisher, OfficeClock clock) : ICardActionHandler
{
    public async Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken ct)
    {
        if (request.Read<ReportPayload>() is not { } payload) return CardActionResult.Say(KeyProjectTexts.ButtonInvalid);
        var quarter = payload.ReportQuarter;
        if (request.Verb == MajorProjectReportCards.CancelVerb) return CardActionResult.Replace(MajorProjectReportCards.Cancelled(quarter));
        if (!quarter.HasEnded(clock.Today)) return CardActionResult.Say(KeyProjectTexts.QuarterNotEnded(quarter));
        var outcome = await publisher.PublishAsync(quarter, request.User, correction: payload.Revision > 0, expectedRevision: payload.Revision, ct);
        return outcome.Status switch
        {
            ReportPublishStatus.Started => CardActionResult.Replace(MajorProjectReportCards.Started(outcome.Announcement!)),
            ReportPublishStatus.AlreadyPublished => CardActionResult.Say(KeyProjectTexts.ReportAlreadyPublished(quarter)),
            ReportPublishStatus.Empty => CardActionResult.Say(KeyProjectTexts.ReportEmpty(quarter)),
            ReportPublishStatus.Unchanged => CardActionResult.Say(KeyProjectTexts.ReportUnchanged(quarter)),
            ReportPublishStatus.Stale => CardActionResult.Say(KeyProjectTexts.ReportStale(quarter)),
            ReportPublishStatus.NothingToCorrect => CardActionResult.Say(KeyProjectTexts.ReportNothingToCorrect(quarter)),
            _ => CardActionResult.Say(KeyProjectTexts.NoSubscribersSent),
        };
    }
}
